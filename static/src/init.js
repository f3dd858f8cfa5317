import { initAll } from './govuk-frontend.min.js'

initAll()

// A table's box (portal/templatetags/tables.py) is a tab stop so that the arrow keys can
// scroll a table wider than the screen. A table that fits needs no stop of its own: on a
// wide screen the fairness page's eleven tables would be eleven empty stops. Each box is
// judged as the script runs (reading its width lays the page out, so the answer is there
// before the page has loaded) and again whenever it or its table changes size (a resize,
// a zoom). Without JavaScript every box keeps its stop.
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
  judge(box)
  resized.observe(box)
  if (box.firstElementChild) resized.observe(box.firstElementChild)
}
