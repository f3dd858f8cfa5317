"""What the access-log and notification pages are, in words (see accounts/access_log/page_words.py)."""

from accounts.access_log.page_words import register_page_words

register_page_words(
    {
        "access_log:index": "The access log's search forms",
        "access_log:entries": "A search of the access log",
        "access_log:people": "A search for a young person in the access log",
        "access_log:person_history": "Who has seen a young person",
        "access_log:person_history_csv": "Who has seen a young person, downloaded (subject access)",
        "access_log:user_history": "One user's history in the access log",
        "access_log:anomalies": "The list of unusual access (anomalies)",
        "access_log:anomaly_review": "The review of one unusual access (anomaly)",
        "notifications:list": "The user's notifications",
        "notifications:read": "Marking a notification as read",
        "notifications:open": "Opening a notification",
        "notifications:settings": "The user's notification settings",
        "two_factor:verify": "The second step of signing in",
        "two_factor:set_up": "Setting up an authenticator app",
        "two_factor:backup_codes": "The user's backup sign-in codes",
        "session:timeout_warning": "The warning that the user will soon be signed out",
        "session:status": "How long the user's session has left",
        "session:keep_alive": "Staying signed in",
        "api:me": "The API, who the token's user is",
        "api:access-log-list": "The API, a search of the access log",
        "api:person-access-log": "The API, who has seen a young person",
        "api_tokens:index": "The list of API tokens",
        "api_tokens:create": "Creating an API token",
        "api_tokens:service_account": "Creating an API service account",
        "api_tokens:revoke": "Revoking an API token",
        "password_reset": "Asking for a password reset email",
        "password_reset_done": "The password reset email has been sent",
        "password_reset_confirm": "Choosing a new password from a reset link",
        "password_reset_complete": "The password has been reset",
    }
)
