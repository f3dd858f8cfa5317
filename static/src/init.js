import { initAll } from './govuk-frontend.min.js'

initAll()

// A table's box (portal/templatetags/tables.py) is a tab stop so that the arrow keys can
// scroll a table wider than the screen. A table that fits needs no stop of its own: on a
// wide screen the fairness page's eleven tables would be eleven empty stops. Without
// JavaScript every box keeps its stop.
function tabStopsOnlyWhereTablesScroll () {
  for (const box of document.querySelectorAll('.portal-table-region')) {
    if (box.scrollWidth > box.clientWidth) {
      box.setAttribute('tabindex', '0')
    } else {
      box.removeAttribute('tabindex')
    }
  }
}
tabStopsOnlyWhereTablesScroll()
window.addEventListener('resize', tabStopsOnlyWhereTablesScroll)
