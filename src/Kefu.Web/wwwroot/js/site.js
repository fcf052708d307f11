// Progressive enhancement only: every page works without this file.
(function () {
    'use strict';
    function enhance(root) {
        root.querySelectorAll('select.kf-search-select:not(.tomselected)').forEach(function (el) {
            // eslint-disable-next-line no-undef
            if (typeof TomSelect !== 'undefined') { new TomSelect(el, { allowEmptyOption: true, maxOptions: 500 }); }
        });
        root.querySelectorAll('tr[data-href]').forEach(function (tr) {
            tr.classList.add('kf-row-link');
            tr.addEventListener('click', function (e) {
                if (e.target.closest('a, button, input, label')) { return; }
                window.location.href = tr.getAttribute('data-href');
            });
        });
    }
    document.addEventListener('DOMContentLoaded', function () { enhance(document); });
    document.addEventListener('htmx:afterSwap', function (e) { enhance(e.target); });
})();
