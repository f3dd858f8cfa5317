// Marks the page as having JavaScript before GOV.UK Frontend's components start. Loaded
// as a file, not inline, so the Content-Security-Policy needs no 'unsafe-inline'.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
