// Builds static/build/ from govuk-frontend and our Sass: CSS, the GOV.UK JavaScript,
// its images, and axe-core for the accessibility tests. Never committed.
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as sass from 'sass'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'static', 'build')
const gf = join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk')
mkdirSync(out, { recursive: true })

const css = sass.compile(join(root, 'static', 'src', 'portal.scss'), {
  loadPaths: [join(root, 'node_modules')],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import', 'global-builtin', 'slash-div']
})
writeFileSync(join(out, 'portal.css'), css.css)
cpSync(join(gf, 'govuk-frontend.min.js'), join(out, 'govuk-frontend.min.js'))
cpSync(join(root, 'static', 'src', 'init.js'), join(out, 'init.js'))
// The portal's own icon (a shield): GOV.UK's favicons are the crown, which is not ours.
cpSync(join(root, 'static', 'src', 'favicon.svg'), join(out, 'favicon.svg'))
cpSync(join(root, 'static', 'src', 'js-enabled.js'), join(out, 'js-enabled.js'))
cpSync(join(root, 'static', 'src', 'session-timeout.js'), join(out, 'session-timeout.js'))
// The Django admin's accessibility fixes (templates/admin/base_site.html).
cpSync(join(root, 'static', 'src', 'admin.css'), join(out, 'admin.css'))
cpSync(join(root, 'static', 'src', 'admin.js'), join(out, 'admin.js'))
const axe = join(root, 'node_modules', 'axe-core', 'axe.min.js')
if (existsSync(axe)) cpSync(axe, join(out, 'axe.min.js'))
console.log('Built static/build/portal.css')
