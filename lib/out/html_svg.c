/*
 * html_svg.c: the charts of the HTML page, drawn as inline SVG.
 *
 * Each chart is a horizontal bar chart: one bar per entry (a severity, a
 * device, an ATT&CK technique, a CVE, a CVE and train), stacked by the
 * entry's sub-counts, with the total at the end of the bar and a legend
 * below when the chart asks for one.  Labels are shortened to
 * TW__HTML_LABEL code points; the full label and count are in the bar's
 * <title> (a tooltip).  All text is escaped with tw_html_escape.
 */
#include <stdint.h>
#include <string.h>

#include "out/html.h"

#define CHART_W 720
#define LABEL_W 250
#define BAR_W 400
#define ROW_H 22
#define BAR_H 16

/* The bytes of the first max code points of s (invalid bytes count as
 * one); *cut tells whether s was longer. */
static size_t label_len(const char *s, size_t max, bool *cut)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, n = 0, len = strlen(s);
    uint32_t c;

    while (i < len && n < max) {
        size_t k = tw__utf8_decode(p + i, len - i, &c);

        i += k != 0 ? k : 1;
        n++;
    }
    *cut = i < len;
    return i;
}

/* The label at the left of bar row y, right-aligned. */
static void bar_label(tw_buf *b, tw_err *rc, const char *key, unsigned y)
{
    bool cut = false;
    size_t n = label_len(key, TW__HTML_LABEL, &cut);

    if (*rc == TW_OK)
        *rc = tw_buf_printf(b, "<text x=\"%d\" y=\"%u\" text-anchor=\"end\">", LABEL_W - 6, y + 13);
    if (*rc == TW_OK)
        *rc = tw_html_escape(b, tw_str_make(key, n));
    tw__html_put(b, rc, cut ? "\xe2\x80\xa6</text>" : "</text>");
}

/* One bar: its tooltip, label, stacked segments and total. */
static void bar(tw_buf *b, tw_err *rc, const tw__html_chart *c, const tw__tally_entry *e,
                size_t max, unsigned y)
{
    double x = LABEL_W;
    unsigned i;

    tw__html_put(b, rc, "<g><title>");
    tw__html_esc(b, rc, e->key);
    tw__html_put(b, rc, ": ");
    tw__html_num(b, rc, e->count);
    tw__html_put(b, rc, "</title>");
    bar_label(b, rc, e->key, y);
    for (i = 0; i < c->nsub && *rc == TW_OK; i++) {
        double wd = (double)e->sub[i] * BAR_W / (double)max;

        if (e->sub[i] == 0)
            continue;
        *rc = tw_buf_printf(b,
                            "<rect x=\"%.1f\" y=\"%u\" width=\"%.1f\" height=\"%d\" "
                            "fill=\"%s\"/>",
                            x, y, wd, BAR_H, c->sub_colors[i]);
        x += wd;
    }
    if (*rc == TW_OK)
        *rc =
            tw_buf_printf(b, "<text x=\"%.1f\" y=\"%u\">%zu</text></g>\n", x + 6, y + 13, e->count);
}

/* The legend row at y: a swatch and a name per sub-count. */
static void legend(tw_buf *b, tw_err *rc, const tw__html_chart *c, unsigned y)
{
    unsigned i, x = LABEL_W;

    for (i = 0; i < c->nsub && *rc == TW_OK; i++) {
        *rc = tw_buf_printf(b,
                            "<rect x=\"%u\" y=\"%u\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                            "<text x=\"%u\" y=\"%u\">%s</text>",
                            x, y + 2, c->sub_colors[i], x + 16, y + 12, c->sub_names[i]);
        x += 24 + 7 * (unsigned)strlen(c->sub_names[i]);
    }
}

void tw__html_svg(tw_buf *b, tw_err *rc, const tw__html_chart *c, const tw__tally_entry *const *e,
                  size_t n)
{
    unsigned h = (unsigned)n * ROW_H + (c->legend ? ROW_H + 8 : 4);
    size_t i, max = 1;

    tw__html_put(b, rc, "<figure><figcaption>");
    tw__html_put(b, rc, c->title);
    tw__html_put(b, rc, "</figcaption>\n");
    if (n == 0) {
        tw__html_put(b, rc, "<p class=\"none\">nothing to show</p></figure>\n");
        return;
    }
    for (i = 0; i < n; i++)
        max = e[i]->count > max ? e[i]->count : max;
    if (*rc == TW_OK)
        *rc = tw_buf_printf(b,
                            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"%s\" "
                            "role=\"img\" width=\"%d\" height=\"%u\" viewBox=\"0 0 %d %u\">\n",
                            c->id, CHART_W, h, CHART_W, h);
    for (i = 0; i < n; i++)
        bar(b, rc, c, e[i], max, 2 + (unsigned)i * ROW_H);
    if (c->legend)
        legend(b, rc, c, 6 + (unsigned)n * ROW_H);
    tw__html_put(b, rc, "</svg></figure>\n");
}
