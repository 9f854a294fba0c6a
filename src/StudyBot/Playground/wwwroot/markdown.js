// Discord-flavoured markdown to HTML for the playground: escapes everything first, then adds only known markup.
// Supports code blocks, inline code, headers, subtext, block quotes, lists, bold, italics, underline, strikethrough,
// spoilers, masked and bare links, mentions and <t:unix:style> timestamps (rendered in the viewer's locale).
(function () {
  "use strict";

  const escapeHtml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");

  const timestampFormats = {
    t: { hour: "numeric", minute: "2-digit" },
    T: { hour: "numeric", minute: "2-digit", second: "2-digit" },
    d: { year: "numeric", month: "2-digit", day: "2-digit" },
    D: { dateStyle: "long" },
    f: { dateStyle: "long", timeStyle: "short" },
    F: { dateStyle: "full", timeStyle: "short" },
  };

  function relative(date) {
    const seconds = Math.round((date.getTime() - Date.now()) / 1000);
    const units = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60], ["second", 1]];
    const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
    for (const [unit, size] of units) {
      if (Math.abs(seconds) >= size || unit === "second") {
        return rtf.format(Math.round(seconds / size), unit);
      }
    }
    return "";
  }

  function formatTimestamp(unix, style) {
    const date = new Date(unix * 1000);
    if (Number.isNaN(date.getTime())) return null;
    if (style === "R") return relative(date);
    return new Intl.DateTimeFormat(undefined, timestampFormats[style] || timestampFormats.f).format(date);
  }

  function timestampHtml(unix, style) {
    const text = formatTimestamp(Number(unix), style || "f");
    if (text === null) return null;
    const full = new Intl.DateTimeFormat(undefined, timestampFormats.F).format(new Date(Number(unix) * 1000));
    return `<time class="md-timestamp" data-unix="${unix}" data-style="${style || "f"}" datetime="${new Date(Number(unix) * 1000).toISOString()}" title="${escapeHtml(full)}">${escapeHtml(text)}</time>`;
  }

  // Re-renders relative timestamps ("in 3 days") so they stay true while the page is open.
  function refreshRelativeTimes(root) {
    for (const el of (root || document).querySelectorAll("time.md-timestamp[data-style='R']")) {
      el.textContent = formatTimestamp(Number(el.dataset.unix), "R");
    }
  }

  const safeUrl = (url) => /^https?:\/\//i.test(url) || url.startsWith("/api/attachments/") ? url : null;

  function inline(text, ctx, keep) {
    // Masked links [label](url) and <url>, before bare URLs so they are not linked twice.
    text = text.replace(/\[([^\]\n]+)\]\((?:&lt;)?(https?:\/\/[^\s)]+?)(?:&gt;)?\)/g, (m, label, url) =>
      keep(`<a href="${url}" target="_blank" rel="noopener noreferrer">${label}</a>`));
    text = text.replace(/&lt;(https?:\/\/[^\s]+?)&gt;/g, (m, url) => keep(`<a href="${url}" target="_blank" rel="noopener noreferrer">${url}</a>`));
    text = text.replace(/(^|[\s(])(https?:\/\/[^\s<]+[^\s<.,:;"')\]])/g, (m, pre, url) =>
      pre + keep(`<a href="${url}" target="_blank" rel="noopener noreferrer">${url}</a>`));
    text = text.replace(/&lt;t:(-?\d{1,13})(?::([tTdDfFR]))?&gt;/g, (m, unix, style) => {
      const html = timestampHtml(unix, style);
      return html ? keep(html) : m;
    });
    text = text.replace(/&lt;@!?(\d{5,20})&gt;/g, (m, id) => keep(`<span class="mention">@${escapeHtml(ctx.userName(id))}</span>`));
    text = text.replace(/&lt;@&amp;(\d{5,20})&gt;/g, () => keep(`<span class="mention">@role</span>`));
    text = text.replace(/&lt;#(\d{5,20})&gt;/g, (m, id) => keep(`<span class="mention channel-mention" data-channel="${id}">#${escapeHtml(ctx.channelName(id))}</span>`));
    text = text.replace(/&lt;a?:(\w{2,32}):\d{5,20}&gt;/g, (m, name) => `:${name}:`);
    text = text.replace(/\*\*\*([^*\n]+?)\*\*\*/g, "<strong><em>$1</em></strong>");
    text = text.replace(/\*\*([^\n]+?)\*\*/g, "<strong>$1</strong>");
    text = text.replace(/__([^\n]+?)__/g, "<u>$1</u>");
    text = text.replace(/(^|[^*\w])\*(?!\s)([^*\n]+?)\*(?!\*)/g, "$1<em>$2</em>");
    text = text.replace(/(^|[^_\w])_(?!\s)([^_\n]+?)_(?![_\w])/g, "$1<em>$2</em>");
    text = text.replace(/~~([^\n]+?)~~/g, "<s>$1</s>");
    text = text.replace(/\|\|([^\n]+?)\|\|/g, '<span class="spoiler" tabindex="0" role="button" aria-label="Spoiler, activate to reveal">$1</span>');
    return text;
  }

  function render(source, context) {
    const ctx = Object.assign({ userName: (id) => id, channelName: (id) => id, headings: true }, context || {});
    const kept = [];
    const keep = (html) => { kept.push(html); return `\u0000${kept.length - 1}\u0000`; };
    let text = escapeHtml(source || "");

    text = text.replace(/```(?:([\w+-]{1,20})\n)?([\s\S]*?)```/g, (m, lang, code) =>
      keep(`<pre class="md-codeblock"${lang ? ` data-lang="${lang}"` : ""}><code>${code.replace(/^\n|\n$/g, "")}</code></pre>`));
    text = text.replace(/``([^`]+?)``|`([^`\n]+?)`/g, (m, a, b) => keep(`<code class="md-code">${a || b}</code>`));

    const lines = text.split("\n");
    const out = [];
    let list = null; // { ordered, items: [{ depth, html }] }
    let quote = [];
    const flushList = () => {
      if (!list) return;
      // Nested lists go inside the previous item, as HTML wants them.
      let html = "";
      const open = [];
      for (const item of list.items) {
        if (item.depth + 1 > open.length) {
          while (open.length < item.depth + 1) { const tag = item.ordered ? "ol" : "ul"; html += `<${tag}>`; open.push(tag); }
        } else {
          while (open.length > item.depth + 1) html += `</li></${open.pop()}>`;
          html += "</li>";
        }
        html += `<li>${item.html}`;
      }
      while (open.length) html += `</li></${open.pop()}>`;
      out.push(keep(html));
      list = null;
    };
    const flushQuote = () => {
      if (!quote.length) return;
      out.push(keep(`<blockquote>${quote.join("<br>")}</blockquote>`));
      quote = [];
    };

    for (const line of lines) {
      let m;
      if ((m = /^&gt; (.*)$/.exec(line)) || line === "&gt;") {
        flushList();
        quote.push(inline(m ? m[1] : "", ctx, keep));
        continue;
      }
      flushQuote();
      if ((m = /^(\s*)(?:[-*]|(\d{1,3})\.) (.*)$/.exec(line)) && !/^-# /.test(line)) {
        const ordered = m[2] !== undefined;
        if (!list) list = { items: [] };
        list.items.push({ depth: Math.min(Math.floor(m[1].length / 2), 3), ordered, html: inline(m[3], ctx, keep) });
        continue;
      }
      flushList();
      if (ctx.headings && (m = /^(#{1,3}) (.+)$/.exec(line))) {
        const level = m[1].length;
        out.push(keep(`<h${level + 2} class="md-h${level}">${inline(m[2], ctx, keep)}</h${level + 2}>`));
        continue;
      }
      if ((m = /^-# (.+)$/.exec(line))) {
        out.push(keep(`<small class="md-subtext">${inline(m[1], ctx, keep)}</small>`));
        continue;
      }
      out.push(inline(line, ctx, keep));
    }
    flushList();
    flushQuote();

    // Block elements already end a line; join the rest with <br>.
    let html = "";
    out.forEach((part, i) => {
      html += part;
      const isBlock = /^\u0000\d+\u0000$/.test(part) && /^<(pre|ul|ol|blockquote|h\d|small)/.test(kept[Number(part.slice(1, -1))]);
      const nextIsBlock = i + 1 < out.length && /^\u0000\d+\u0000$/.test(out[i + 1]) && /^<(pre|ul|ol|blockquote|h\d|small)/.test(kept[Number(out[i + 1].slice(1, -1))]);
      if (i + 1 < out.length && !isBlock && !nextIsBlock) html += "<br>";
    });
    for (let pass = 0; pass < 3 && html.includes("\u0000"); pass++) {
      html = html.replace(/\u0000(\d+)\u0000/g, (m, i) => kept[Number(i)]);
    }
    return html;
  }

  window.DiscordMarkdown = { render, escapeHtml, refreshRelativeTimes, formatTimestamp, safeUrl };
})();
