// The console's progressive JavaScript: every screen works without it; with it, the Sandbox rule
// shows at once, the PSA picker searches as you type, Verify Connectivity keeps the form as typed,
// and progress bars follow the sync live.

function sandboxRule() {
  const environment = document.getElementById('environment');
  const defaults = document.querySelectorAll('fieldset.defaults input[type="checkbox"]');
  if (!environment || defaults.length === 0) return;
  const apply = () => {
    const sandbox = environment.value === 'Sandbox';
    for (const box of defaults) {
      box.disabled = sandbox;
      if (sandbox) box.checked = false;
    }
  };
  environment.addEventListener('change', apply);
  apply();
}

// The manual mapping picker: as you type, the results come from /map/psa-search (the same HTML the
// Search button gets), so the page never holds the PSA's whole list.
function psaPicker() {
  const form = document.querySelector('form[data-psa-search]');
  const results = document.getElementById('psa-results');
  if (!form || !results) return;
  let asked = 0;
  form.querySelector('input[name="q"]').addEventListener('input', async () => {
    asked += 1;
    const ticket = asked;
    const query = new URLSearchParams(new FormData(form));
    const response = await fetch(`${form.dataset.psaSearch}?${query}`, { headers: { accept: 'text/html' } });
    if (ticket !== asked || !response.ok) return;
    results.innerHTML = await response.text();
    results.dataset.query = query.get('q') ?? '';
  });
}

// Verify Connectivity without leaving the page, so what was typed (the secret too, which the
// server never sends back) stays in the form. Without JavaScript the button posts as usual.
function verifyInPlace() {
  const form = document.querySelector('form[data-connect]');
  if (!form) return;
  form.addEventListener('submit', async (event) => {
    if (event.submitter?.value !== 'verify') return;
    event.preventDefault();
    const secret = form.querySelector('input[name="clientSecret"]');
    const typed = secret?.value ?? '';
    // getAttribute: the buttons are named "action", which shadows form.action.
    const response = await fetch(form.getAttribute('action'), { method: 'POST', body: new URLSearchParams(new FormData(form, event.submitter)) });
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    if (!page.querySelector('main form[data-connect]')) {
      document.documentElement.replaceWith(page.documentElement);
      return;
    }
    if (response.ok) {
      document.getElementById('verify-result').innerHTML = page.getElementById('verify-result')?.innerHTML ?? '';
      document.querySelector('.notice-region').innerHTML = page.querySelector('.notice-region')?.innerHTML ?? '';
      return;
    }
    // Field errors: the page beside each field, then what was typed put back.
    document.querySelector('main').replaceWith(page.querySelector('main'));
    const again = document.querySelector('form[data-connect] input[name="clientSecret"]');
    if (again) again.value = typed;
    sandboxRule();
    verifyInPlace();
    focusErrors();
  });
}

function liveProgress() {
  for (const box of document.querySelectorAll('[data-progress-entity][data-state="running"]')) {
    const bar = box.querySelector('progress');
    const caption = box.querySelector('.progress-text');
    const source = new EventSource(`/progress/${box.dataset.progressEntity}`);
    let seen = 0;
    const show = (message) => {
      const state = JSON.parse(message.data);
      seen += 1;
      box.dataset.events = String(seen);
      bar.max = Math.max(state.total, 1);
      bar.value = state.state === 'finished' && state.total === 0 ? 1 : state.done;
      bar.textContent = `${state.done} of ${state.total} pages`;
      caption.textContent = state.text;
      return state;
    };
    source.addEventListener('progress', show);
    source.addEventListener('done', (message) => {
      const state = show(message);
      source.close();
      box.dataset.outcome = state.outcome ?? '';
      box.dataset.state = state.state;
    });
  }
}

function focusErrors() {
  document.getElementById('error-summary')?.focus();
}

sandboxRule();
psaPicker();
verifyInPlace();
liveProgress();
focusErrors();
