// The console's progressive JavaScript: every screen works without it; with it, the Sandbox rule
// shows at once, the PSA dropdowns filter as you type, and progress bars follow the sync live.

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

function searchableDropdowns() {
  for (const search of document.querySelectorAll('input[data-filter-for]')) {
    const select = document.getElementById(search.dataset.filterFor);
    if (!select) continue;
    search.addEventListener('input', () => {
      const query = search.value.trim().toLowerCase();
      let first;
      for (const option of select.options) {
        const shown = option.value === '' || query === '' || option.text.toLowerCase().includes(query);
        option.hidden = !shown;
        if (shown && option.value !== '' && first === undefined) first = option;
      }
      const current = select.selectedOptions[0];
      if (query !== '' && first && (!current || current.hidden || current.value === '')) first.selected = true;
    });
  }
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
searchableDropdowns();
liveProgress();
focusErrors();
