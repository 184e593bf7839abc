// Autosave for the questionnaire: each question is saved shortly after it changes, through the
// same form endpoint (asking for JSON). Without JavaScript the page still saves with its button.
const SAVE_DELAY_MS = 800;
const RETRY_DELAYS_MS = [2000, 5000, 10000, 30000];

const form = document.querySelector('form.questionnaire');
const status = document.getElementById('autosave-status');

if (form && status) {
  const csrf = form.querySelector('input[name="_csrf"]').value;
  const timers = new Map();
  const unsaved = new Set();
  let failures = 0;

  const show = (text, kind) => {
    status.textContent = text;
    status.dataset.state = kind;
  };

  const questionOf = (element) => element.closest('fieldset.question');

  const fieldsOf = (question) => {
    const id = question.id.slice(2);
    const body = new URLSearchParams();
    body.append('_csrf', csrf);
    for (const [name, value] of new FormData(form)) {
      if (name.startsWith(`${id}.`) && typeof value === 'string') body.append(name, value);
    }
    return body;
  };

  const report = (question, html) => {
    let box = question.querySelector('.autosave-note');
    if (!box) {
      box = document.createElement('div');
      box.className = 'autosave-note';
      box.setAttribute('role', 'status');
      question.querySelector('legend').after(box);
    }
    box.replaceChildren(...html);
  };

  const text = (tag, content) => {
    const element = document.createElement(tag);
    element.textContent = content;
    return element;
  };

  async function save(question) {
    const id = question.id.slice(2);
    show('Saving…', 'saving');
    let response;
    try {
      response = await fetch(form.action, { method: 'POST', headers: { accept: 'application/json' }, body: fieldsOf(question), credentials: 'same-origin' });
    } catch {
      return retry(question);
    }
    if (response.status === 401) {
      const problem = await response.json();
      const link = text('a', 'Sign in again');
      link.href = problem.signIn;
      show('Not saved: your session has expired. ', 'error');
      status.append(link, document.createTextNode(' (what you typed is kept).'));
      return;
    }
    if (response.status >= 500 || response.status === 429) return retry(question);
    const result = await response.json();
    failures = 0;
    const conflict = (result.conflicts || []).find((c) => c.indicatorId === id);
    if (conflict) {
      const keep = text('button', 'Keep my version');
      keep.type = 'button';
      keep.className = 'button button-secondary';
      keep.addEventListener('click', () => {
        question.querySelector(`input[name="${id}.base"]`).value = String(conflict.theirRevision);
        schedule(question, 0);
      });
      report(question, [
        text('strong', 'Someone else saved this answer while you worked. Nothing was overwritten.'),
        text('p', 'Their version:'),
        text('pre', JSON.stringify(conflict.theirs, null, 2)),
        text('p', 'Yours is in the form below. Keep yours, or reload the page to take theirs.'),
        keep,
      ]);
      show('Not saved: a colleague changed an answer (see the question).', 'error');
      return;
    }
    const saved = (result.saved || []).find((s) => s.indicatorId === id);
    if (saved) {
      question.querySelector(`input[name="${id}.base"]`).value = String(saved.revision);
      report(question, saved.problems.map((p) => text('p', p.message)));
      question.classList.toggle('has-problems', saved.problems.length > 0);
    }
    unsaved.delete(id);
    show(unsaved.size === 0 ? 'All changes saved.' : 'Saving…', unsaved.size === 0 ? 'saved' : 'saving');
  }

  function retry(question) {
    const delay = RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)];
    failures += 1;
    show(`Not saved – retrying in ${Math.round(delay / 1000)} s.`, 'error');
    schedule(question, delay);
  }

  function schedule(question, delay) {
    const id = question.id.slice(2);
    unsaved.add(id);
    clearTimeout(timers.get(id));
    timers.set(id, setTimeout(() => save(question), delay));
  }

  const changed = (event) => {
    const question = questionOf(event.target);
    if (question) {
      show('Changes not saved yet…', 'pending');
      schedule(question, SAVE_DELAY_MS);
    }
  };
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);

  window.addEventListener('beforeunload', (event) => {
    if (unsaved.size > 0) event.preventDefault();
  });
  show('Changes are saved automatically.', 'idle');
}
