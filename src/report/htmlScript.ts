/**
 * The HTML report's script, inlined into the page: the step-through view. Every
 * step's state is already in the page (rendered by the report, hidden but the
 * current one); this only shows one and highlights its step in the diagram, on
 * the slider, the buttons and the ←/→ (Home/End) keys. Without a script the
 * failing step shows, and the table under it has every step.
 */
export const HTML_SCRIPT = `
(function () {
  'use strict';
  document.querySelectorAll('article.counterexample').forEach(function (article) {
    var slider = article.querySelector('input[type=range]');
    var states = article.querySelectorAll('.state');
    var steps = article.querySelectorAll('svg .step');
    var failing = Number(article.getAttribute('data-failing'));
    function show(index) {
      var last = states.length - 1;
      index = Math.max(0, Math.min(last, index));
      slider.value = String(index);
      states.forEach(function (state, at) { state.hidden = at !== index; });
      steps.forEach(function (step, at) {
        step.classList.toggle('current', at === index);
        if (at === index) step.setAttribute('aria-current', 'step'); else step.removeAttribute('aria-current');
      });
      slider.setAttribute('aria-valuetext', states[index].getAttribute('data-label'));
    }
    slider.addEventListener('input', function () { show(Number(slider.value)); });
    article.querySelectorAll('button[data-go]').forEach(function (button) {
      button.addEventListener('click', function () {
        var go = button.getAttribute('data-go');
        var now = Number(slider.value);
        show(go === 'previous' ? now - 1 : go === 'next' ? now + 1 : go === 'first' ? 0 : failing);
      });
    });
    // The slider moves itself on arrow keys; anywhere else in the counterexample they move it too.
    article.addEventListener('keydown', function (event) {
      if (event.target === slider || event.altKey || event.ctrlKey || event.metaKey) return;
      var now = Number(slider.value);
      var moves = { ArrowLeft: now - 1, ArrowRight: now + 1, Home: 0, End: states.length - 1 };
      if (!(event.key in moves)) return;
      event.preventDefault();
      show(moves[event.key]);
    });
    show(Number(slider.value));
  });
})();
`;
