// The timeout warning (GOV.UK's pattern): shortly before an idle session would end, a
// dialog says so and offers "Stay signed in", which restarts the session without leaving
// the page, so nothing typed is lost. The server decides: before warning, the script asks
// /session/status/ (which does not count as activity) how long is left, so use of the
// portal in another tab is taken into account. Without JavaScript, pages refresh to the
// warning page instead (templates/includes/session_timeout_refresh.html).
const dialog = document.querySelector('[data-module="portal-session-timeout"]')

if (dialog && typeof dialog.showModal === 'function') {
  const warningSeconds = Number(dialog.dataset.warningSeconds)
  const statusUrl = dialog.dataset.statusUrl
  const keepAlive = dialog.querySelector('form[data-keep-alive]')
  let timer = null
  let deadline = 0

  const schedule = (secondsLeft) => {
    clearTimeout(timer)
    timer = setTimeout(check, Math.max(0, secondsLeft - warningSeconds) * 1000)
  }

  // Reloading the page after the session has ended shows the sign-in page, which says why.
  const signedOut = () => window.location.assign(window.location.href)

  const askServer = async (request) => {
    try {
      const response = await request()
      const type = response.headers.get('Content-Type') || ''
      return response.ok && type.includes('application/json') ? await response.json() : { signed_in: false }
    } catch (error) {
      return null
    }
  }

  const status = () => askServer(() => fetch(statusUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' }))

  const words = (seconds) => {
    if (seconds < 60) return 'less than a minute'
    const minutes = Math.ceil(seconds / 60)
    return minutes === 1 ? '1 minute' : minutes + ' minutes'
  }

  // Two seconds' grace after the deadline, so that the page is not reloaded (which is
  // activity) a moment before the server would end the session.
  const finish = async () => {
    const now = await status()
    if (now && now.signed_in && now.seconds_left > 0) return show(now)
    signedOut()
  }

  const countDown = () => {
    const seconds = Math.max(0, Math.round((deadline - Date.now()) / 1000))
    if (seconds === 0) {
      timer = setTimeout(finish, 2000)
      return
    }
    const text = words(seconds)
    dialog.querySelectorAll('[data-time-left]').forEach((element) => {
      if (element.textContent !== text) element.textContent = text
    })
    timer = setTimeout(countDown, 1000)
  }

  const show = (now) => {
    if (now.seconds_left > warningSeconds + 5) {
      if (dialog.open) dialog.close()
      return schedule(now.seconds_left)
    }
    dialog.querySelectorAll('[data-when-can-stay]').forEach((element) => { element.hidden = !now.can_stay_signed_in })
    dialog.querySelectorAll('[data-when-cannot-stay]').forEach((element) => { element.hidden = now.can_stay_signed_in })
    deadline = Date.now() + now.seconds_left * 1000
    if (!dialog.open) dialog.showModal()
    clearTimeout(timer)
    countDown()
  }

  async function check () {
    const now = await status()
    if (now === null) return schedule(warningSeconds + 30)
    if (!now.signed_in) return signedOut()
    show(now)
  }

  const stay = async () => {
    const now = await askServer(() => fetch(keepAlive.action, {
      method: 'POST',
      body: new FormData(keepAlive),
      headers: { Accept: 'application/json' },
      credentials: 'same-origin'
    }))
    if (now === null) return keepAlive.submit()
    if (!now.signed_in) return signedOut()
    dialog.close()
    schedule(now.seconds_left)
  }

  keepAlive.addEventListener('submit', (event) => {
    event.preventDefault()
    stay()
  })
  // Escape closes the dialog: the person is clearly there, so they stay signed in if they can.
  dialog.addEventListener('cancel', (event) => {
    if (keepAlive.querySelector('button').hidden) return
    event.preventDefault()
    stay()
  })

  schedule(Number(dialog.dataset.secondsLeft))
}
