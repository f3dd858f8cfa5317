import { initAll } from './govuk-frontend.min.js'

initAll()

// A table's box (portal/templatetags/tables.py) is a tab stop so that the arrow keys can
// scroll a table wider than the screen. A table that fits needs no stop of its own: on a
// wide screen the fairness page's eleven tables would be eleven empty stops. Each box is
// judged whenever it or its table changes size (after layout, fonts and any resize), not
// once as the script runs, when the page may not be laid out yet. Without JavaScript
// every box keeps its stop.
function judge (box) {
  if (box.scrollWidth > box.clientWidth) {
    box.setAttribute('tabindex', '0')
  } else if (document.activeElement !== box) {
    box.removeAttribute('tabindex')
  }
}

const resized = new ResizeObserver(entries => {
  for (const entry of entries) {
    const box = entry.target.closest('.portal-table-region')
    if (box) judge(box)
  }
})
for (const box of document.querySelectorAll('.portal-table-region')) {
  resized.observe(box)
  if (box.firstElementChild) resized.observe(box.firstElementChild)
}
