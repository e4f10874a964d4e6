/*
 * html_table.c: the account of advisory AA25-239A, the findings table's
 * head and controls, and the page's script.
 *
 * The script is the page's only code.  It sorts the table when a column
 * head is clicked (the severity column by rank, the others by text with
 * numbers compared as numbers), hides the findings that do not match the
 * filter box and the severity selector, and shows or hides a finding's
 * detail row.  It moves and hides <tbody> elements that html.c rendered;
 * it never builds markup from text, so nothing quoted from a device can
 * become code.
 */
#include "out/html.h"

static const char advisory[] =
    "<section id=\"advisory\"><h2>About advisory AA25-239A</h2>\n<p>"
    "In August 2025 the NSA, CISA, the FBI and partner agencies of thirteen countries described "
    "state-sponsored actors of the People's Republic of China (overlapping with what industry "
    "calls Salt Typhoon) who have, since at least 2021, broken into the backbone and edge "
    "routers of telecommunications providers and into government, transport, lodging and "
    "military networks. "
    "They get in through known and long-patched flaws, in Ivanti Connect Secure "
    "(CVE-2023-46805, CVE-2024-21887), Palo Alto PAN-OS GlobalProtect (CVE-2024-3400) and the "
    "web UI and Smart Install of Cisco IOS and IOS XE (CVE-2023-20198, CVE-2023-20273, "
    "CVE-2018-0171), or simply with stolen or default credentials; no zero-day has been seen. "
    "Once on a router they change its configuration to stay: their addresses go into access "
    "lists, SSH and web servers appear on unusual high ports (patterns such as 22x22 or 18xxx, "
    "and TCP 57722 for the IOS XR host shell), local accounts are created, and containers such "
    "as Guest Shell run tools where little is watched. "
    "They build GRE and IPsec tunnels to infrastructure they control and use the routers' own "
    "packet capture to record TACACS+ traffic on TCP port 49, then copy captures and "
    "configurations out over FTP or TFTP to crack and reuse the credentials. "
    "From one provider they move on to its peers and customers over trusted links, and they "
    "clear logs and turn off log forwarding to hide. "
    "The advisory asks defenders to hunt for these changes across the whole network and to evict "
    "the actors everywhere at once, since a partial clean-up warns them. "
    "On this page, compromise findings point at what the actors do, while hardening and "
    "exposure findings point at the openings they use.</p></section>\n";

void tw__html_advisory(tw_writer *w, tw_err *rc)
{
    tw__html_put(&w->out, rc, advisory);
}

static const char controls[] =
    "<section id=\"table\"><h2>Findings</h2>\n<div class=\"controls\">"
    "<label>Filter <input id=\"q\" type=\"search\" placeholder=\"text in any field\"></label>"
    "<label>Severity <select id=\"sev\"><option value=\"\">all</option>"
    "<option>critical</option><option>high</option><option>medium</option><option>low</option>"
    "<option>info</option></select></label><span id=\"shown\"></span></div>\n"
    "<table id=\"findings\"><thead><tr><th title=\"details\"></th><th data-num>Severity</th>"
    "<th>Category</th><th>Rule</th><th>Device</th><th>Location</th><th>Message</th></tr>"
    "</thead>\n";

void tw__html_table_start(tw_writer *w, tw_err *rc)
{
    tw__html_put(&w->out, rc, controls);
}

static const char script[] =
    "<script>\n"
    "(function () {\n"
    "  'use strict';\n"
    "  var table = document.getElementById('findings');\n"
    "  var heads = table.tHead.rows[0].cells;\n"
    "  var q = document.getElementById('q');\n"
    "  var sev = document.getElementById('sev');\n"
    "  var shown = document.getElementById('shown');\n"
    "  var groups = Array.prototype.slice.call(table.tBodies);\n"
    "  var text = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});\n"
    "  var col = -1, dir = 1;\n"
    "  function key(g, c) {\n"
    "    var td = g.rows[0].cells[c];\n"
    "    return td.hasAttribute('data-v') ? td.getAttribute('data-v') : td.textContent;\n"
    "  }\n"
    "  function order(a, b) {\n"
    "    var x = key(a, col), y = key(b, col);\n"
    "    var r = heads[col].hasAttribute('data-num') ? x - y : text.compare(x, y);\n"
    "    return r * dir || a.getAttribute('data-i') - b.getAttribute('data-i');\n"
    "  }\n"
    "  function sortBy(c) {\n"
    "    dir = c === col ? -dir : (heads[c].hasAttribute('data-num') ? -1 : 1);\n"
    "    col = c;\n"
    "    groups.sort(order);\n"
    "    groups.forEach(function (g) { table.appendChild(g); });\n"
    "    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute('aria-sort');\n"
    "    heads[c].setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');\n"
    "  }\n"
    "  function filter() {\n"
    "    var want = q.value.toLowerCase(), s = sev.value, n = 0;\n"
    "    groups.forEach(function (g) {\n"
    "      var ok = (s === '' || g.getAttribute('data-sev') === s) &&\n"
    "        (want === '' || g.textContent.toLowerCase().indexOf(want) >= 0);\n"
    "      g.hidden = !ok;\n"
    "      if (ok) n++;\n"
    "    });\n"
    "    shown.textContent = n + ' of ' + groups.length + ' findings shown';\n"
    "  }\n"
    "  for (var i = 1; i < heads.length; i++) {\n"
    "    heads[i].addEventListener('click', sortBy.bind(null, i));\n"
    "  }\n"
    "  table.addEventListener('click', function (e) {\n"
    "    var b = e.target.closest('button.x');\n"
    "    if (!b) return;\n"
    "    var more = b.closest('tbody').rows[1];\n"
    "    more.hidden = !more.hidden;\n"
    "    b.setAttribute('aria-expanded', String(!more.hidden));\n"
    "    b.textContent = more.hidden ? '+' : '\\u2212';\n"
    "  });\n"
    "  q.addEventListener('input', filter);\n"
    "  sev.addEventListener('change', filter);\n"
    "  filter();\n"
    "})();\n"
    "</script>\n";

void tw__html_tail(tw_writer *w, tw_err *rc)
{
    tw__html_put(&w->out, rc,
                 "</table></section>\n<footer>Every text quoted from devices is "
                 "shown as text; control characters appear as \\xNN.</footer>\n");
    tw__html_put(&w->out, rc, script);
    tw__html_put(&w->out, rc, "</body>\n</html>\n");
}
