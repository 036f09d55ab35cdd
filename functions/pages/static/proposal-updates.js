/* global document, fetch, DOMParser, Element, setTimeout, clearTimeout */
/**
 * Keeps the proposal page up to date while an officer waits for answers. Progressive enhancement:
 * without JavaScript the page is complete as sent, and a refresh shows the same.
 *
 * How, and why this way (the simplest design that stays accessible):
 * - It asks GET /proposals/{id}/changes, every 10 to 15 seconds while the tab is visible (at once
 *   when it becomes visible again, never while it is hidden). That answers only an opaque
 *   fingerprint. The page itself is not polled: every view of it is an audited disclosure.
 * - When the fingerprint changes and nothing has been typed on the page, it fetches the page once
 *   and swaps in its parts that follow the answers (`data-live-part`: the status, the checks and
 *   the forms, whose choices depend on the checks). Nothing typed is lost, because nothing was
 *   typed; focus stays where it was (the same element, found again by its id); the scroll position
 *   stays; a screen reader hears "An answer has arrived" from a polite live region, so it is not
 *   interrupted and nothing takes focus.
 * - When something has been typed (or a field has focus, or the page holds what a plain GET does
 *   not give back: restricted answers shown for a reason, or a form sent back with its errors), it
 *   changes nothing on the page: it shows the GOV.UK notification banner "An answer has arrived"
 *   with a link to refresh, announced the same way, and stops asking. The officer decides when.
 * Swapping parts rather than reloading keeps the officer's place; a banner rather than a merge of
 * old and new forms keeps what they typed exactly as they typed it.
 */
import { initAll } from '/javascripts/govuk-frontend.min.js';

const pollEveryMs = 10_000;
const pollJitterMs = 5_000;
const fieldSelector = 'input:not([type="hidden"]), textarea, select';

const settings = document.querySelector('[data-qa="live-updates"]');
if (settings !== null) {
  keepUpToDate(settings);
}

function keepUpToDate(settings) {
  const { changesUrl, refreshUrl } = settings.dataset;
  const announcer = document.querySelector('[data-qa="live-announcement"]');
  const banner = document.querySelector('[data-qa="update-banner"]');
  let version = settings.dataset.version;
  let typed = settings.dataset.keep === 'yes';
  let stopped = false;
  let busy = false;
  let timer;

  const markTyped = (event) => {
    const form = event.target instanceof Element ? event.target.closest('form') : null;
    if (form !== null && form.dataset.qa !== 'sign-out') typed = true;
  };
  document.addEventListener('input', markTyped, true);
  document.addEventListener('change', markTyped, true);

  const isTyping = () => {
    const active = document.activeElement;
    return typed || (active instanceof Element && active.matches(fieldSelector) && active.closest('form') !== null);
  };

  const announce = (text) => {
    if (announcer === null) return;
    // Emptied first, so the same words said twice are announced twice.
    announcer.textContent = '';
    setTimeout(() => {
      announcer.textContent = text;
    }, 100);
  };

  const offerRefresh = () => {
    stopped = true;
    if (banner !== null) banner.hidden = false;
    announce('An answer has arrived. Refresh the page to see it. What you have typed stays until you do.');
  };

  const schedule = () => {
    clearTimeout(timer);
    if (!stopped && document.visibilityState === 'visible') {
      timer = setTimeout(poll, pollEveryMs + Math.random() * pollJitterMs);
    }
  };

  /** The page as it is now, or undefined if it could not be had (signed out, a failure): try again later. */
  const freshPage = async () => {
    const response = await fetch(refreshUrl, { headers: { accept: 'text/html' }, credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok || response.redirected) return undefined;
    return new DOMParser().parseFromString(await response.text(), 'text/html');
  };

  const swapParts = (fresh) => {
    const active = document.activeElement;
    const focusedId = active instanceof Element && active.closest('[data-live-part]') !== null ? active.id : '';
    for (const part of document.querySelectorAll('[data-live-part]')) {
      const replacement = fresh.querySelector(`[data-live-part="${part.dataset.livePart}"]`);
      if (replacement === null) continue;
      const adopted = document.importNode(replacement, true);
      part.replaceWith(adopted);
      initAll(adopted);
    }
    if (focusedId !== '') document.getElementById(focusedId)?.focus({ preventScroll: true });
  };

  const changed = async (newVersion) => {
    if (isTyping()) {
      offerRefresh();
      return;
    }
    const fresh = await freshPage();
    if (fresh === undefined) return;
    // Typed while the page was on its way: keep what was typed.
    if (isTyping()) {
      offerRefresh();
      return;
    }
    swapParts(fresh);
    const freshSettings = fresh.querySelector('[data-qa="live-updates"]');
    // A decided or withdrawn proposal's page has nothing left to wait for.
    if (freshSettings === null) stopped = true;
    version = freshSettings?.dataset.version ?? newVersion;
    announce('An answer has arrived. The checks on this page have been updated.');
  };

  async function poll() {
    clearTimeout(timer);
    if (busy || stopped) return;
    busy = true;
    try {
      const response = await fetch(changesUrl, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
      if (response.status === 401 || response.status === 403 || response.status === 404) {
        // Signed out, or no longer theirs to see: a refresh says why. Nothing more to ask.
        stopped = true;
      } else if (response.ok) {
        const body = await response.json();
        if (typeof body.version === 'string' && body.version !== version) await changed(body.version);
      }
    } catch {
      // Offline for a moment, or a failure: the next poll tries again.
    } finally {
      busy = false;
      schedule();
    }
  }

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      void poll();
    } else {
      clearTimeout(timer);
    }
  });
  schedule();
}
