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
// CSRF: API writes made with the login cookie need the antiforgery token (ApiAntiforgery). htmx requests get it as a
// header; scripts call kefu.fetch(url, options), which adds it to same-origin requests.
(function () {
    'use strict';
    function token() {
        var meta = document.querySelector('meta[name="kefu-csrf"]');
        return meta ? meta.getAttribute('content') : null;
    }
    function sameOrigin(url) {
        try { return new URL(url, window.location.href).origin === window.location.origin; } catch (e) { return false; }
    }
    document.addEventListener('htmx:configRequest', function (e) {
        var t = token();
        if (t && sameOrigin(e.detail.path)) { e.detail.headers.RequestVerificationToken = t; }
    });
    window.kefu = window.kefu || {};
    window.kefu.fetch = function (url, options) {
        var o = options || {};
        var headers = new Headers(o.headers || {});
        var t = token();
        if (t && sameOrigin(url)) { headers.set('RequestVerificationToken', t); }
        o.headers = headers;
        o.credentials = o.credentials || 'same-origin';
        return fetch(url, o);
    };
})();
// Confirmations without inline handlers (the Content-Security-Policy allows no inline script): a button or link with
// data-confirm asks before it acts; a form with data-confirm asks before it is submitted.
(function () {
    'use strict';
    document.addEventListener('click', function (e) {
        var el = e.target.closest && e.target.closest('button[data-confirm], a[data-confirm], input[type=submit][data-confirm]');
        if (el && !window.confirm(el.getAttribute('data-confirm'))) { e.preventDefault(); e.stopImmediatePropagation(); }
    }, true);
    document.addEventListener('submit', function (e) {
        var form = e.target;
        if (form.hasAttribute && form.hasAttribute('data-confirm') && !window.confirm(form.getAttribute('data-confirm'))) { e.preventDefault(); }
    }, true);
    // A form with data-kf-no-enter-submit is not submitted by Enter in a text field (e.g. the scheme editor).
    document.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' && e.target.tagName === 'INPUT' && e.target.form && e.target.form.hasAttribute('data-kf-no-enter-submit')) {
            e.preventDefault();
        }
    });
})();
