"""The portal's REST API platform (docs/api.md): authentication, permissions, errors,
pagination, throttling and the base views that log every response naming a young
person. Each app adds its endpoints in `<app>/api/`, included by portal/api/urls.py."""
