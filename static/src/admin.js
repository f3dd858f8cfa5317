// The Django admin's autocomplete (Select2) names its combobox only by the text of the
// current choice, so an empty one has no accessible name (WCAG 4.1.2; axe:
// aria-input-field-name). Name it by its field's label as well. Loaded (deferred) by
// templates/admin/base_site.html, so after the admin's autocomplete.js, whose set-up on
// jQuery's ready comes first.
'use strict'

function labelAutocompletes () {
  document.querySelectorAll('select.admin-autocomplete').forEach(function (select) {
    const label = document.querySelector('label[for="' + select.id + '"]')
    const container = select.nextElementSibling
    if (!label || !container || !container.classList.contains('select2')) return
    label.id = label.id || select.id + '-label'
    const combobox = container.querySelector('.select2-selection')
    const rendered = container.querySelector('.select2-selection__rendered')
    if (combobox) {
      const current = (combobox.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean)
      if (!current.includes(label.id)) combobox.setAttribute('aria-labelledby', [label.id, ...current].join(' '))
    }
    if (rendered && rendered.getAttribute('role') === 'textbox') rendered.setAttribute('aria-labelledby', label.id)
  })
}

if (window.django && window.django.jQuery) window.django.jQuery(labelAutocompletes)
document.addEventListener('formset:added', function () { window.setTimeout(labelAutocompletes) })
