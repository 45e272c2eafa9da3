// A room's lecture plan on a page (issue 24): the plan's current step as a card on every screen, a question's
// answers as large buttons on a student's page, the class's results as bars once the instructor shows them, and
// after the run which answer it supports. The instructor's page (teach) adds the plan's outline, back and next
// (P and N), the pause and the vote's buttons. Everything comes from the server's "lesson" messages; a student's
// answer goes back as "answer", counted once per student and round.
import { t, lang } from './i18n.js';

const LETTERS = ['A', 'B', 'C', 'D', 'E'];
const $ = (id) => document.getElementById(id);

/** A new element of that tag and class, with that text (as text, never markup) if given. */
function el(tag, className, text) {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A text of the plan in the page's language. */
function inLang(text) { return text ? (text[lang] ?? text.en) : ''; }

/** A preset's name as the page's row of presets writes it, else its key. */
function presetTitle(key) {
  const link = document.querySelector(`.presets a[data-preset="${key}"]`);
  return link ? link.textContent.replace(/^✓\s*/, '').trim() : key;
}

/** A long text cut at a word to about 70 characters. */
function short(text) {
  if (text.length <= 70) return text;
  const cut = text.lastIndexOf(' ', 68);
  return `${text.slice(0, cut > 40 ? cut : 68)} …`;
}

/** A step's title on the card, and (outline: true) in the instructor's outline, where a question shows its start. */
export function stepTitle(step, outline = false) {
  switch (step.type) {
    case 'section': return t('plan.step.section', t(`plan.section.${step.section}`));
    case 'run': return t('plan.step.run', step.preset ? presetTitle(step.preset) : t('plan.ownRun'));
    case 'question': return outline ? t('plan.step.questionText', short(inLang(step.prompt))) : t('plan.step.question');
    default: return t('plan.step.task');
  }
}

/**
 * @param teach whether this is the instructor's page (the projector's screen)
 * @param send  sends a message on the room's socket
 */
export function createLesson({ teach, send }) {
  const main = $('main');
  let last = null;

  let shownQuestion = null; // "step/round" whose buttons are on the page: later messages only update them

  function answers(q, vote) {
    const box = $('answers');
    const key = `${q.index}/${vote?.round ?? 0}`;
    if (key !== shownQuestion) {
      shownQuestion = key;
      box.replaceChildren();
      q.answers.forEach((a, i) => {
        const answer = el(teach ? 'div' : 'button', 'answer');
        answer.dataset.answer = String(i);
        answer.append(el('span', 'answer-letter', LETTERS[i]), el('span', 'answer-text', inLang(a)));
        if (!teach) {
          answer.type = 'button';
          answer.addEventListener('click', () => {
            const v = last?.vote;
            if (v) send({ type: 'answer', step: v.step, round: v.round, choice: i });
          });
        }
        box.append(answer);
      });
    }
    box.querySelectorAll('.answer').forEach((answer, i) => {
      if (!teach) {
        answer.setAttribute('aria-pressed', String(vote?.mine === i));
        answer.disabled = !vote || !vote.open || Boolean(last?.paused);
      }
      answer.classList.toggle('supported', Boolean(vote?.revealed && vote.supports === i));
    });
  }

  function voteState(q, vote) {
    if (!vote) return '';
    const round = vote.round === 2 ? `${t('plan.vote.round2')} ` : '';
    if (teach) return round + t(vote.open ? 'plan.vote.answeredOpen' : 'plan.vote.answeredClosed', vote.answered);
    if (vote.open) return round + (vote.mine != null ? t('plan.vote.yours', LETTERS[vote.mine]) : t('plan.vote.choose'));
    return round + (vote.mine != null ? t('plan.vote.closedYours', LETTERS[vote.mine]) : t('plan.vote.closed'));
  }

  /** The results as bars with their counts; round 1's beside round 2's. Anonymous: numbers only. */
  function results(q, vote) {
    const box = $('vote-results');
    const show = Boolean(vote && vote.counts && (vote.shown || vote.revealed));
    box.hidden = !show;
    main.dataset.results = String(show);
    if (!show) return;
    box.replaceChildren();
    const max = Math.max(1, ...vote.counts, ...(vote.first || []));
    box.append(el('p', 'results-caption',
      vote.first ? t('plan.results.both') : t('plan.results.one', vote.counts.reduce((a, b) => a + b, 0))));
    q.answers.forEach((a, i) => {
      const row = el('div', 'result-row');
      row.dataset.answer = String(i);
      const bars = el('span', 'result-bars');
      const rounds = vote.first ? [['first', vote.first[i]], ['second', vote.counts[i]]] : [['only', vote.counts[i]]];
      for (const [kind, n] of rounds) {
        const fill = el('span', 'result-fill');
        fill.style.width = `${(100 * n) / max}%`;
        const track = el('span', 'result-track');
        track.append(fill);
        const bar = el('span', `result-bar ${kind}`);
        bar.append(track, el('span', 'result-count', vote.first ? t(`plan.results.${kind}`, n) : String(n)));
        bars.append(bar);
      }
      row.append(el('span', 'result-label', LETTERS[i]), bars);
      box.append(row);
    });
  }

  function reveal(q, vote) {
    const shown = Boolean(vote && vote.revealed);
    $('reveal').hidden = !shown;
    main.dataset.revealed = String(shown);
    if (!shown) return;
    $('reveal-answer').textContent = t('plan.reveal.answer', LETTERS[vote.supports], inLang(q.answers[vote.supports]));
    $('reveal-text').textContent = inLang(vote.reveal);
    const yours = !teach && vote.mine != null;
    $('reveal-yours').hidden = !yours;
    if (yours) $('reveal-yours').textContent = t('plan.reveal.yours', LETTERS[vote.mine]);
  }

  function outline(m) {
    const list = $('plan-outline');
    list.replaceChildren();
    m.outline.forEach((s, i) => {
      const li = document.createElement('li');
      const b = el('button', 'plan-step', stepTitle(s, true));
      b.type = 'button';
      if (i === m.step) {
        li.className = 'current';
        b.setAttribute('aria-current', 'step');
      }
      b.addEventListener('click', () => send({ type: 'goTo', step: i }));
      li.append(b);
      list.append(li);
    });
    $('plan-nav').hidden = false;
    $('pause-controls').hidden = false;
    $('btn-plan-back').disabled = m.step === 0;
    $('btn-plan-next').disabled = m.step === m.steps - 1;
    $('plan-next-hint').textContent = m.step < m.steps - 1 ? t('plan.nextIs', stepTitle(m.outline[m.step + 1], true)) : t('plan.last');
    $('lesson-next').textContent = `${$('plan-next-hint').textContent} ${t('plan.keys')}`;
    $('btn-pause-class').hidden = false;
    $('btn-pause-class').setAttribute('aria-pressed', String(m.paused));
    $('btn-pause-class').textContent = m.paused ? t('plan.resume') : t('plan.pause');
  }

  function controls(q, m) {
    const vote = m.vote;
    const box = $('vote-controls');
    box.hidden = !vote;
    if (!vote) return;
    $('btn-vote-close').hidden = !vote.open;
    $('btn-vote-show').hidden = vote.open || vote.shown || vote.revealed;
    $('btn-vote-again').hidden = !(q.secondVote && vote.round === 1 && !vote.open && m.current.type === 'question');
  }

  /** Shows a "lesson" message. */
  function show(m) {
    last = m;
    const card = $('lesson-card');
    card.hidden = false;
    main.dataset.planStep = String(m.step);
    main.dataset.paused = String(m.paused);
    card.dataset.type = m.current.type;
    $('lesson-step').textContent = t('plan.stepOf', m.step + 1, m.steps, inLang(m.title));
    $('lesson-title').textContent = stepTitle(m.current);
    $('lesson-text').textContent = inLang(m.current.text);
    $('lesson-text').hidden = !m.current.text;
    const section = m.current.type === 'section';
    $('lesson-section').hidden = !section;
    const frame = $('lesson-frame');
    frame.hidden = !section;
    if (section) {
      $('lesson-section-link').href = `/?lang=${lang}#${m.current.section}`;
      $('lesson-section-link').textContent = t('plan.section.open', t(`plan.section.${m.current.section}`));
      // The lesson itself, at that part: one page per language on the server, framed here (the same origin only).
      const src = `/?lang=${lang}&embed=1#${m.current.section}`;
      if (frame.getAttribute('src') !== src) frame.setAttribute('src', src);
    } else if (frame.getAttribute('src')) {
      frame.removeAttribute('src'); // nothing keeps running in a frame that is gone
    }
    const q = m.current.type === 'question' ? m.current : m.question;
    $('lesson-question').hidden = !q;
    // At the run that answers it the question shrinks to a line (the run's charts are what to watch), and grows
    // its answer once the run has reached its end.
    card.dataset.compact = String(Boolean(q && m.current.type === 'run'));
    if (q) {
      $('question-prompt').textContent = inLang(q.prompt);
      answers(q, m.vote);
      $('vote-state').textContent = voteState(q, m.vote);
      results(q, m.vote);
      reveal(q, m.vote);
    }
    if (teach) {
      outline(m);
      if (q) controls(q, m); else $('vote-controls').hidden = true;
    } else {
      $('pause-overlay').hidden = !m.paused;
      $('pause-message').textContent = m.pauseText || t('plan.pause.default');
    }
  }

  if (teach) {
    $('plan-choose').addEventListener('submit', (e) => {
      e.preventDefault();
      send({ type: 'plan', key: $('plan-key').value });
    });
    // A plan of one's own: uploaded with the page's token, checked by the server, then one of the choices.
    $('plan-file').addEventListener('change', async () => {
      const file = $('plan-file').files[0];
      if (!file) return;
      const state = $('plan-upload-state');
      try {
        const token = new URLSearchParams(location.search).get('token') || '';
        const answer = await fetch(`/api/plans?token=${encodeURIComponent(token)}&name=${encodeURIComponent(file.name)}&lang=${lang}`, {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: await file.text(),
        });
        const body = await answer.json();
        if (!answer.ok) throw new Error(body.error || String(answer.status));
        let option = [...$('plan-key').options].find((o) => o.value === body.key);
        if (!option) {
          option = document.createElement('option');
          option.value = body.key;
          $('plan-key').append(option);
        }
        option.textContent = inLang(body.title);
        $('plan-key').value = body.key;
        state.textContent = t('plan.upload.done', inLang(body.title), body.steps);
      } catch (e) {
        state.textContent = t('plan.upload.failed', e.message);
      }
    });
    const go = (delta) => { if (last) send({ type: 'goTo', step: last.step + delta }); };
    $('btn-plan-back').addEventListener('click', () => go(-1));
    $('btn-plan-next').addEventListener('click', () => go(1));
    $('btn-pause-class').addEventListener('click', () => {
      if (last?.paused) send({ type: 'resumeClass' });
      else send({ type: 'pauseClass', text: $('pause-text').value });
    });
    $('btn-vote-close').addEventListener('click', () => send({ type: 'closeVote' }));
    $('btn-vote-show').addEventListener('click', () => send({ type: 'showResults' }));
    $('btn-vote-again').addEventListener('click', () => send({ type: 'voteAgain' }));
    // N and P move through the plan from anywhere but a field
    document.addEventListener('keydown', (e) => {
      if (!last || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.target.closest?.('input, select, textarea, [contenteditable]')) return;
      if (e.key === 'n' || e.key === 'N') { go(1); e.preventDefault(); }
      else if (e.key === 'p' || e.key === 'P') { go(-1); e.preventDefault(); }
    });
  }

  return { show, get last() { return last; } };
}
