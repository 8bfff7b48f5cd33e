"""Small page helpers shared by the browser tests."""

from __future__ import annotations

import time
from typing import Any

# Records every differential that lands in the page, with its turn's status at that moment.
# Observer callbacks run after the task that swapped the fragment, so a differential that another
# swap of the same WebSocket message replaced is seen as disconnected.
RECORD_DIFFERENTIALS = """
window.__ddx = [];
new MutationObserver(function (records) {
  records.forEach(function (record) {
    record.addedNodes.forEach(function (node) {
      if (node.nodeType !== 1) { return; }
      var found = node.matches('[id$="-differential"]') ? [node] : [];
      found = found.concat(Array.prototype.slice.call(\
node.querySelectorAll('[id$="-differential"]')));
      found.forEach(function (el) {
        var m = /^turn-(\\d+)-differential$/.exec(el.id || "");
        if (!m) { return; }
        var status = document.getElementById("turn-" + m[1] + "-status");
        window.__ddx.push({turn: +m[1], stage: el.getAttribute("data-stage"), \
count: +el.getAttribute("data-count"),
                           turnStatus: status ? status.getAttribute("data-status") : null,
                           onPage: el.isConnected, at: performance.now()});
      });
    });
  });
}).observe(document, {childList: true, subtree: true});
"""

# Visible form controls with no label, aria-label or text: each should be empty.
UNLABELLED_CONTROLS = """
() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
  .filter(el => el.offsetParent !== null)
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && \
!(el.innerText || '').trim())
  .map(el => el.outerHTML.slice(0, 120))
"""

DUPLICATE_IDS = """
() => {
  const seen = new Map();
  document.querySelectorAll('[id]').forEach(el => seen.set(el.id, (seen.get(el.id) || 0) + 1));
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}
"""


def start_simulated(page: Any, case: Any, policy_label: str, *, step: bool = False) -> float:
    """From the case page, start a simulated session; returns the click time (time.monotonic)."""
    page.goto(f"/cases/{case.pk}/")
    page.get_by_label("Policy").select_option(label=policy_label)
    if step:
        page.get_by_label("Pause after each turn (simulated)").check()
    started = time.monotonic()
    page.get_by_role("button", name="Start session").click()
    page.wait_for_url("**/sessions/*/")
    return started


def wait_final(page: Any, timeout: float = 60_000) -> None:
    page.wait_for_selector("#final .final-banner", timeout=timeout)


def transcript(page: Any) -> str:
    """What the timeline says, as text (the same for a streamed page and a fresh load)."""
    return page.locator("#turns").inner_text()


def turn_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all("#turns > li", "els => els.map(e => e.id)")
