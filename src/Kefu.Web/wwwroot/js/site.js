// Progressive enhancement only: every page works without this file.
(function () {
    'use strict';
    function enhance(root) {
        root.querySelectorAll('select.kf-search-select:not(.tomselected)').forEach(function (el) {
            // eslint-disable-next-line no-undef
            if (typeof TomSelect !== 'undefined') { new TomSelect(el, { allowEmptyOption: true, maxOptions: 500 }); }
        });
        root.querySelectorAll('[data-kf-print]').forEach(function (b) {
            b.addEventListener('click', function () { window.print(); });
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
// Remote search-as-you-type (e.g. the customer of a request): the select's data-url answers ?q= with [{id, number, name, phone}].
(function () {
    'use strict';
    function enhance(root) {
        root.querySelectorAll('select.kf-remote-select:not(.tomselected)').forEach(function (el) {
            // eslint-disable-next-line no-undef
            if (typeof TomSelect === 'undefined') { return; }
            var url = el.getAttribute('data-url');
            // eslint-disable-next-line no-undef
            new TomSelect(el, {
                allowEmptyOption: true,
                maxOptions: 50,
                valueField: 'value',
                labelField: 'text',
                searchField: ['text'],
                loadThrottle: 250,
                load: function (query, callback) {
                    fetch(url + (url.indexOf('?') < 0 ? '?' : '&') + 'q=' + encodeURIComponent(query), { headers: { Accept: 'application/json' } })
                        .then(function (r) { return r.json(); })
                        .then(function (rows) {
                            callback(rows.map(function (c) { return { value: c.id, text: [c.number, c.name, c.phone].filter(Boolean).join(' ') }; }));
                        })
                        .catch(function () { callback(); });
                }
            });
        });
    }
    document.addEventListener('DOMContentLoaded', function () { enhance(document); });
    document.addEventListener('htmx:afterSwap', function (e) { enhance(e.target); });
})();
// A field's server-side error disappears once the user changes the field.
(function () {
    'use strict';
    function clear(e) {
        var el = e.target;
        if (!el || !el.name || !el.classList || !el.classList.contains('input-validation-error')) { return; }
        el.classList.remove('input-validation-error');
        if (el.tomselect && el.tomselect.wrapper) { el.tomselect.wrapper.classList.remove('input-validation-error'); }
        document.querySelectorAll('[data-valmsg-for]').forEach(function (m) {
            if (m.getAttribute('data-valmsg-for') === el.name) { m.textContent = ''; }
        });
    }
    document.addEventListener('input', clear);
    document.addEventListener('change', clear);
})();
