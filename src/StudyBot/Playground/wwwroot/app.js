// The playground page: a Discord-like text channel whose every action is a real interaction sent through the fake
// Discord to the bot. State comes from /api/state and /api/channels/{id}/messages, live changes from /api/events (SSE).
(function () {
  "use strict";
  const md = window.DiscordMarkdown;
  const $ = (sel, root) => (root || document).querySelector(sel);
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "html") node.innerHTML = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (k === "dataset") Object.assign(node.dataset, v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) node.append(child);
    return node;
  };

  // Inline icons: the page must not depend on an emoji font being installed.
  const icon = (name) => {
    const paths = {
      eye: "M12 5c-5 0-9 4.5-10 7 1 2.5 5 7 10 7s9-4.5 10-7c-1-2.5-5-7-10-7zm0 11a4 4 0 110-8 4 4 0 010 8z",
      file: "M6 2h8l5 5v15H6V2zm8 1.5V8h4.5",
      thread: "M5 4v9a4 4 0 004 4h9m-4-4l4 4-4 4",
      download: "M12 4v11m-5-5l5 5 5-5M5 20h14",
    };
    const span = document.createElement("span");
    span.className = `icon icon-${name}`;
    span.setAttribute("aria-hidden", "true");
    const filled = name === "eye";
    span.innerHTML = `<svg viewBox="0 0 24 24" width="1em" height="1em"><path d="${paths[name]}" fill="${filled ? "currentColor" : "none"}" stroke="${filled ? "none" : "currentColor"}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
    return span;
  };

  const OPTION = { SUB_COMMAND: 1, GROUP: 2, STRING: 3, INTEGER: 4, BOOLEAN: 5, USER: 6, CHANNEL: 7, ROLE: 8, MENTIONABLE: 9, NUMBER: 10, ATTACHMENT: 11 };
  const DISCORD_EPOCH = 1420070400000n;

  const state = {
    guild: null, channels: [], members: [], commands: [], bot: { username: "StudyBot", online: false },
    channelId: null, memberId: null, lastEvent: 0,
    messages: new Map(),     // channelId -> Map(messageId -> message)
    loaded: new Set(),       // channel ids whose history is loaded
    local: new Map(),        // channelId -> local notices (only this page sees them)
    dismissed: new Set(), failed: new Map(), unread: new Set(),
    composer: { command: null, path: null, suggestions: [], active: -1, onPick: null, autocompleteSeq: 0 },
  };

  // ---------- helpers ----------
  const member = () => state.members.find((m) => m.id === state.memberId);
  const channel = (id) => state.channels.find((c) => c.id === id);
  const userName = (id) => (state.members.find((m) => m.id === id) || {}).display_name || (state.bot.id === id ? state.bot.username : "unknown-user");
  const channelName = (id) => (channel(id) || {}).name || "unknown-channel";
  const mdContext = { userName, channelName };
  const byId = (a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0);
  const nowSnowflake = () => ((BigInt(Date.now()) - DISCORD_EPOCH) << 22n).toString();
  const colorHex = (c) => (typeof c === "number" ? "#" + c.toString(16).padStart(6, "0") : null);

  async function api(path, body, isForm) {
    const init = body === undefined ? {} : isForm ? { method: "POST", body } : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
    const res = await fetch(path, init);
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(json.error || `${res.status} ${res.statusText}`);
    return json;
  }

  function canUse(command, m) {
    const required = command.default_member_permissions;
    if (required === null || required === undefined || !m) return true;
    const has = BigInt(m.permissions || "0");
    if ((has & 8n) === 8n) return true;
    const need = BigInt(required);
    return need !== 0n && (has & need) === need;
  }

  // Flattens registered commands into what can be run: "/paper info", "/queue add", ...
  function runnableCommands() {
    const out = [];
    for (const cmd of state.commands) {
      if (!canUse(cmd, member())) continue;
      const opts = cmd.options || [];
      const subs = opts.filter((o) => o.type === OPTION.SUB_COMMAND || o.type === OPTION.GROUP);
      if (!subs.length) { out.push({ path: cmd.name, description: cmd.description, options: opts }); continue; }
      for (const sub of subs) {
        if (sub.type === OPTION.SUB_COMMAND) out.push({ path: `${cmd.name} ${sub.name}`, description: sub.description, options: sub.options || [] });
        else for (const leaf of sub.options || []) out.push({ path: `${cmd.name} ${sub.name} ${leaf.name}`, description: leaf.description, options: leaf.options || [] });
      }
    }
    return out.sort((a, b) => a.path.localeCompare(b.path));
  }

  // ---------- sidebar, header, members ----------
  function renderChannels() {
    $("#guild-name").textContent = state.guild ? state.guild.name : "No guild";
    const list = $("#channel-list");
    list.replaceChildren();
    const top = state.channels.filter((c) => !c.is_thread);
    for (const c of top) {
      list.append(channelItem(c, false));
      for (const t of state.channels.filter((x) => x.is_thread && x.parent_id === c.id)) list.append(channelItem(t, true));
    }
  }

  function channelItem(c, isThread) {
    const active = c.id === state.channelId;
    return el("li", { class: "channel-item" + (isThread ? " thread" : "") + (active ? " active" : "") + (state.unread.has(c.id) ? " unread" : "") },
      el("button", {
        type: "button", class: "channel-link", "aria-current": active ? "page" : null, dataset: { channelId: c.id },
        "aria-label": (isThread ? "Thread " : "Channel ") + c.name, onclick: () => openChannel(c.id),
      }, isThread ? el("span", { class: "channel-icon" }, icon("thread")) : el("span", { class: "channel-icon", "aria-hidden": "true", text: "#" }), el("span", { class: "channel-name", text: c.name })));
  }

  function renderHeader() {
    const c = channel(state.channelId);
    const title = $("#channel-title");
    title.replaceChildren();
    if (!c) { title.textContent = "No channel"; return; }
    if (c.is_thread && channel(c.parent_id)) {
      title.append(el("button", { type: "button", class: "crumb", onclick: () => openChannel(c.parent_id), text: "# " + channel(c.parent_id).name }), el("span", { class: "crumb-sep", text: " › " }), icon("thread"), el("span", { text: c.name }));
    } else {
      title.append(el("span", { class: "hash", "aria-hidden": "true", text: "#" }), el("span", { text: c.name }));
    }
    $("#composer-input").placeholder = `Message ${c.is_thread ? "" : "#"}${c.name} — type / for ${state.bot.username}'s commands`;
    $("#composer-input").setAttribute("aria-label", `Message ${c.name}: type / for commands`);
  }

  function renderMembers() {
    const select = $("#member-select");
    select.replaceChildren(...state.members.map((m) => el("option", { value: m.id, text: m.display_name + (m.is_admin ? " (admin)" : ""), selected: m.id === state.memberId })));
    const me = member();
    $("#me-avatar").textContent = me ? me.display_name[0] : "?";
    $("#me-avatar").className = "avatar" + (me && me.is_admin ? " admin" : "");
    $("#me-name").textContent = me ? me.display_name : "";
    $("#me-role").textContent = me ? (me.is_admin ? "Administrator" : "Member") : "";
    const list = $("#member-list");
    list.replaceChildren(
      el("li", { class: "member bot" + (state.bot.online ? " online" : "") },
        el("span", { class: "avatar small bot", "aria-hidden": "true", text: "SB" }),
        el("span", { class: "member-name", text: state.bot.username }), el("span", { class: "tag", text: "APP" }),
        el("span", { class: "presence", text: state.bot.online ? "online" : "offline" })),
      ...state.members.map((m) => el("li", { class: "member online" + (m.id === state.memberId ? " me" : "") },
        el("span", { class: "avatar small" + (m.is_admin ? " admin" : ""), "aria-hidden": "true", text: m.display_name[0] }),
        el("span", { class: "member-name", text: m.display_name }), m.is_admin ? el("span", { class: "tag admin", text: "ADMIN" }) : null)));
  }

  // ---------- messages ----------
  function store(channelId) {
    if (!state.messages.has(channelId)) state.messages.set(channelId, new Map());
    return state.messages.get(channelId);
  }

  const visible = (m) => !m.deleted && (!m.ephemeral || m.visible_to === state.memberId) && !state.dismissed.has(m.id);

  function renderMessages() {
    const list = $("#messages");
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    const items = [...store(state.channelId).values()].filter(visible)
      .concat((state.local.get(state.channelId) || []).filter((n) => n.memberId === state.memberId && !state.dismissed.has(n.id)))
      .sort(byId);
    list.replaceChildren(...(items.length ? items.map((m) => (m.local ? renderNotice(m) : renderMessage(m)))
      : [el("li", { class: "empty", text: state.loaded.has(state.channelId) ? "No messages yet. Type / to talk to " + state.bot.username + "." : "Loading…" })]));
    md.refreshRelativeTimes(list);
    if (atBottom || items.length < 4) list.scrollTop = list.scrollHeight;
  }

  function formatWhen(iso) {
    const d = new Date(iso);
    const today = new Date();
    const time = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" }).format(d);
    if (d.toDateString() === today.toDateString()) return `Today at ${time}`;
    return new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "short" }).format(d);
  }

  function renderMessage(m) {
    const body = el("div", { class: "message-body" });
    if (m.command && m.interaction_user) {
      body.append(el("div", { class: "reply-line" }, el("span", { class: "reply-user", text: m.interaction_user.name }), " used ", el("span", { class: "reply-command", text: m.command })));
    }
    const author = m.author || { username: state.bot.username, bot: true };
    body.append(el("div", { class: "message-meta" },
      el("span", { class: "author", text: author.global_name || author.username }),
      author.bot ? el("span", { class: "tag", text: "APP" }) : null,
      el("time", { class: "sent-at", datetime: m.timestamp, title: new Date(m.timestamp).toLocaleString(), text: formatWhen(m.timestamp) }),
      m.edited_timestamp && !m.loading ? el("span", { class: "edited", title: new Date(m.edited_timestamp).toLocaleString(), text: "(edited)" }) : null));
    if (m.loading) {
      body.append(el("div", { class: "thinking", text: `${state.bot.username} is thinking` }, el("span", { class: "dots", "aria-hidden": "true" }, el("i"), el("i"), el("i"))));
    } else if (m.content) {
      body.append(el("div", { class: "message-content markdown", html: md.render(m.content, mdContext) }));
    }
    const attachments = m.attachments || [];
    const embedFiles = new Set();
    for (const e of m.embeds || []) {
      body.append(renderEmbed(e));
      for (const u of [e.image && e.image.url, e.thumbnail && e.thumbnail.url]) if (u) embedFiles.add(u);
    }
    const files = attachments.filter((a) => !embedFiles.has(a.url));
    if (files.length) body.append(el("div", { class: "attachments" }, files.map(renderAttachment)));
    if ((m.components || []).length) body.append(renderComponents(m.components, m));
    if (state.failed.has(m.id)) body.append(el("div", { class: "interaction-failed", role: "alert", text: state.failed.get(m.id) }));
    if (m.thread) {
      body.append(el("button", { type: "button", class: "thread-chip", onclick: () => openChannel(m.thread.id) },
        icon("thread"), el("strong", { text: m.thread.name }), el("span", { class: "thread-open", text: "Open thread" })));
    }
    if (m.ephemeral) body.append(ephemeralFooter(m.id));
    return el("li", { class: "message" + (m.ephemeral ? " ephemeral" : ""), dataset: { messageId: m.id } },
      el("div", { class: "avatar bot", "aria-hidden": "true", text: "SB" }), body);
  }

  function ephemeralFooter(id) {
    return el("div", { class: "ephemeral-note" }, icon("eye"), " Only you can see this · ",
      el("button", { type: "button", class: "link-button", text: "Dismiss message", onclick: () => { state.dismissed.add(id); renderMessages(); } }));
  }

  function renderNotice(n) {
    return el("li", { class: "message ephemeral local", dataset: { messageId: n.id } },
      el("div", { class: "avatar bot", "aria-hidden": "true", text: "SB" }),
      el("div", { class: "message-body" },
        n.command ? el("div", { class: "reply-line" }, el("span", { class: "reply-user", text: userName(n.memberId) }), " used ", el("span", { class: "reply-command", text: n.command })) : null,
        el("div", { class: "message-meta" }, el("span", { class: "author", text: state.bot.username }), el("span", { class: "tag", text: "APP" })),
        el("div", { class: "notice-text", role: "alert", text: n.text }), ephemeralFooter(n.id)));
  }

  function notify(text, command) {
    const list = state.local.get(state.channelId) || [];
    list.push({ local: true, id: nowSnowflake(), text, command, memberId: state.memberId });
    state.local.set(state.channelId, list);
    renderMessages();
  }

  function renderEmbed(e) {
    const parts = [];
    if (e.author && e.author.name) {
      parts.push(el("div", { class: "embed-author" }, e.author.icon_url ? el("img", { src: e.author.icon_url, alt: "", class: "embed-author-icon" }) : null,
        e.author.url ? el("a", { href: e.author.url, target: "_blank", rel: "noopener", text: e.author.name }) : el("span", { text: e.author.name })));
    }
    if (e.title) {
      const title = el("div", { class: "embed-title markdown", html: md.render(e.title, Object.assign({ headings: false }, mdContext)) });
      parts.push(e.url && md.safeUrl(e.url) ? el("a", { class: "embed-title-link", href: e.url, target: "_blank", rel: "noopener" }, title) : title);
    }
    if (e.description) parts.push(el("div", { class: "embed-description markdown", html: md.render(e.description, mdContext) }));
    if ((e.fields || []).length) {
      parts.push(el("div", { class: "embed-fields" }, e.fields.map((f) => el("div", { class: "embed-field" + (f.inline ? " inline" : "") },
        el("div", { class: "embed-field-name markdown", html: md.render(f.name, Object.assign({ headings: false }, mdContext)) }),
        el("div", { class: "embed-field-value markdown", html: md.render(f.value, mdContext) })))));
    }
    if (e.image && e.image.url) parts.push(el("a", { href: e.image.url, target: "_blank", class: "embed-image" }, el("img", { src: e.image.url, alt: e.title ? `Image: ${e.title}` : "Embed image", loading: "lazy" })));
    if (e.footer || e.timestamp) {
      parts.push(el("div", { class: "embed-footer" }, e.footer && e.footer.icon_url ? el("img", { src: e.footer.icon_url, alt: "", class: "embed-footer-icon" }) : null,
        el("span", { text: [e.footer && e.footer.text, e.timestamp && formatWhen(e.timestamp)].filter(Boolean).join(" • ") })));
    }
    const thumb = e.thumbnail && e.thumbnail.url ? el("img", { class: "embed-thumbnail", src: e.thumbnail.url, alt: "Thumbnail" }) : null;
    return el("article", { class: "embed", style: `border-left-color: ${colorHex(e.color) || "#1e1f22"}` }, el("div", { class: "embed-main" }, parts), thumb);
  }

  function renderAttachment(a) {
    if (a.is_image) {
      return el("a", { class: "attachment-image", href: a.url, target: "_blank", title: a.filename }, el("img", { src: a.url, alt: a.description || a.filename, loading: "lazy" }));
    }
    const kb = a.size < 1024 ? `${a.size} bytes` : a.size < 1048576 ? `${(a.size / 1024).toFixed(1)} KB` : `${(a.size / 1048576).toFixed(1)} MB`;
    return el("div", { class: "attachment-file" }, el("span", { class: "file-icon" }, icon("file")),
      el("div", {}, el("a", { href: a.url + "?download=1", download: a.filename, text: a.filename }), el("div", { class: "file-size", text: kb })),
      el("a", { class: "download", href: a.url + "?download=1", download: a.filename, "aria-label": `Download ${a.filename}` }, icon("download")));
  }

  // ---------- components ----------
  const buttonStyles = { 1: "primary", 2: "secondary", 3: "success", 4: "danger", 5: "link", 6: "premium" };

  function renderComponents(components, message) {
    return el("div", { class: "components" }, components.map((c) => renderComponent(c, message)));
  }

  function renderComponent(c, message) {
    switch (c.type) {
      case 1: return el("div", { class: "action-row" }, (c.components || []).map((x) => renderComponent(x, message)));
      case 2: return renderButton(c, message);
      case 3: case 5: case 8: return renderSelect(c, message);
      case 6: case 7: return el("span", { class: "unsupported", text: "(role and mentionable selects are not shown in the playground)" });
      case 9: return el("div", { class: "section" }, el("div", { class: "section-text" }, (c.components || []).map((x) => renderComponent(x, message))), c.accessory ? renderComponent(c.accessory, message) : null);
      case 10: return el("div", { class: "text-display markdown", html: md.render(c.content || "", mdContext) });
      case 11: return el("img", { class: "embed-thumbnail", src: c.media && c.media.url, alt: c.description || "Thumbnail" });
      case 12: return el("div", { class: "media-gallery" }, (c.items || []).map((i) => el("img", { src: i.media && i.media.url, alt: i.description || "Image" })));
      case 13: return el("div", { class: "attachment-file" }, el("a", { href: c.file && c.file.url, text: (c.file && c.file.url || "file").split("/").pop() }));
      case 14: return el("hr", { class: "separator" + (c.divider === false ? " invisible" : "") });
      case 17: return el("div", { class: "container", style: `border-left-color: ${colorHex(c.accent_color) || "transparent"}` }, (c.components || []).map((x) => renderComponent(x, message)));
      default: return null;
    }
  }

  function renderButton(c, message) {
    const style = buttonStyles[c.style] || "secondary";
    const label = [c.emoji && c.emoji.name, c.label].filter(Boolean).join(" ");
    if (c.style === 5) {
      return el("a", { class: "component-button link", href: c.url, target: "_blank", rel: "noopener", "aria-disabled": c.disabled ? "true" : null, text: label + " ↗" });
    }
    const button = el("button", { type: "button", class: `component-button ${style}`, disabled: !!c.disabled, dataset: { customId: c.custom_id || "" }, text: label || "\u00a0" });
    button.addEventListener("click", async () => {
      button.classList.add("pending");
      button.disabled = true;
      const answer = await interact("/api/interactions/button", { message_id: message.id, custom_id: c.custom_id, member_id: state.memberId }, message.id);
      if (document.body.contains(button)) { button.classList.remove("pending"); button.disabled = !!c.disabled; }
      return answer;
    });
    return button;
  }

  function renderSelect(c, message) {
    let options = c.options || [];
    if (c.type === 5) options = state.members.map((m) => ({ label: m.display_name, value: m.id }));
    if (c.type === 8) options = state.channels.map((x) => ({ label: "#" + x.name, value: x.id }));
    const multiple = (c.max_values || 1) > 1;
    const select = el("select", { class: "component-select", disabled: !!c.disabled, multiple, "aria-label": c.placeholder || "Make a selection", dataset: { customId: c.custom_id } },
      multiple ? null : el("option", { value: "", text: c.placeholder || "Make a selection", disabled: true, selected: !options.some((o) => o.default) }),
      options.map((o) => el("option", { value: o.value, selected: !!o.default, text: [o.emoji && o.emoji.name, o.label].filter(Boolean).join(" ") + (o.description ? ` — ${o.description}` : "") })));
    const send = () => {
      const values = [...select.selectedOptions].map((o) => o.value).filter(Boolean);
      if (values.length < (c.min_values === undefined ? 1 : c.min_values)) return;
      interact("/api/interactions/select", { message_id: message.id, custom_id: c.custom_id, values, member_id: state.memberId }, message.id);
    };
    if (!multiple) { select.addEventListener("change", send); return el("div", { class: "select-wrap" }, select); }
    return el("div", { class: "select-wrap" }, select, el("button", { type: "button", class: "component-button secondary", text: "Apply", onclick: send }));
  }

  // Sends an interaction and handles the bot's first answer the way Discord's client does.
  async function interact(path, body, messageId, commandLabel) {
    try {
      const answer = await api(path, body);
      if (messageId) state.failed.delete(messageId);
      if (answer.callback && answer.callback.type === 9) openModal(answer.interaction_id, answer.callback.data);
      if (answer.did_not_respond) {
        if (messageId) { state.failed.set(messageId, "This interaction failed"); renderMessages(); }
        else notify(`${state.bot.username} did not respond. The application did not respond in time.`, commandLabel);
      } else if (messageId) renderMessages();
      return answer;
    } catch (err) {
      if (messageId) { state.failed.set(messageId, err.message); renderMessages(); } else showComposerError(err.message);
      return null;
    }
  }

  // ---------- modal ----------
  function openModal(interactionId, data) {
    const dialog = $("#modal");
    const form = $("#modal-form");
    $("#modal-title").textContent = data.title || "";
    const fields = $("#modal-fields");
    fields.replaceChildren();
    let n = 0;
    const addInput = (input, labelText, description) => {
      const id = `modal-input-${n++}`;
      const required = input.required !== false;
      let control;
      if (input.type === 3) {
        control = el("select", { id, name: input.custom_id, required, multiple: (input.max_values || 1) > 1 },
          el("option", { value: "", text: input.placeholder || "Make a selection" }),
          (input.options || []).map((o) => el("option", { value: o.value, text: o.label, selected: !!o.default })));
      } else {
        const attrs = { id, name: input.custom_id, required, placeholder: input.placeholder, minlength: input.min_length, maxlength: input.max_length };
        control = input.style === 2 ? el("textarea", Object.assign(attrs, { rows: 4 })) : el("input", Object.assign(attrs, { type: "text" }));
        if (input.value) control.value = input.value;
      }
      fields.append(el("div", { class: "modal-field" },
        el("label", { for: id }, labelText || input.label || input.custom_id, required ? el("span", { class: "required", "aria-hidden": "true", text: " *" }) : null),
        description ? el("div", { class: "modal-description", text: description }) : null, control));
    };
    for (const top of data.components || []) {
      if (top.type === 18 && top.component) addInput(top.component, top.label, top.description);
      else if (top.type === 1) for (const input of top.components || []) addInput(input, input.label);
      else if (top.type === 10) fields.append(el("div", { class: "markdown", html: md.render(top.content || "", mdContext) }));
    }
    form.onsubmit = async (ev) => {
      ev.preventDefault();
      const values = {};
      for (const control of fields.querySelectorAll("[name]")) values[control.name] = control.value;
      dialog.close();
      await interact("/api/interactions/modal", { interaction_id: interactionId, values });
    };
    dialog.showModal();
    const first = fields.querySelector("input, textarea, select");
    if (first) first.focus();
  }

  // ---------- composer ----------
  const input = () => $("#composer-input");

  function showComposerError(text) {
    const box = $("#composer-error");
    box.textContent = text || "";
    box.hidden = !text;
  }

  function showSuggestions(items, onPick, title) {
    const c = state.composer;
    c.suggestions = items;
    c.onPick = onPick;
    // Remember whose list this is, so a late blur of another field cannot close it.
    c.owner = document.activeElement;
    c.active = items.length ? 0 : -1;
    const box = $("#suggestions");
    box.replaceChildren();
    if (!items.length) { hideSuggestions(); return; }
    if (title) box.append(el("div", { class: "suggestions-title", text: title }));
    items.forEach((item, i) => {
      box.append(el("div", {
        class: "suggestion" + (i === 0 ? " active" : ""), role: "option", id: `suggestion-${i}`, "aria-selected": i === 0 ? "true" : "false",
        dataset: { index: String(i) }, onmousedown: (ev) => { ev.preventDefault(); pick(i); },
      }, el("span", { class: "suggestion-name", text: item.name }), item.hint ? el("span", { class: "suggestion-hint", text: item.hint }) : null));
    });
    box.hidden = false;
    const owner = document.activeElement;
    if (owner && owner.matches("input")) { owner.setAttribute("aria-expanded", "true"); owner.setAttribute("aria-activedescendant", "suggestion-0"); }
  }

  function hideSuggestions() {
    const c = state.composer;
    c.suggestions = []; c.active = -1; c.onPick = null; c.owner = null;
    $("#suggestions").hidden = true;
    for (const i of document.querySelectorAll("[aria-expanded='true']")) { i.setAttribute("aria-expanded", "false"); i.removeAttribute("aria-activedescendant"); }
  }

  function moveActive(delta) {
    const c = state.composer;
    if (!c.suggestions.length) return;
    c.active = (c.active + delta + c.suggestions.length) % c.suggestions.length;
    for (const node of document.querySelectorAll("#suggestions .suggestion")) {
      const on = Number(node.dataset.index) === c.active;
      node.classList.toggle("active", on);
      node.setAttribute("aria-selected", on ? "true" : "false");
      if (on) node.scrollIntoView({ block: "nearest" });
    }
    if (document.activeElement) document.activeElement.setAttribute("aria-activedescendant", `suggestion-${c.active}`);
  }

  function pick(index) {
    const c = state.composer;
    const item = c.suggestions[index];
    const onPick = c.onPick;
    hideSuggestions();
    if (item && onPick) onPick(item);
  }

  // Keys shared by the command input and option fields; returns true when handled.
  function suggestionKeys(ev) {
    if ($("#suggestions").hidden) return false;
    if (ev.key === "ArrowDown") { moveActive(1); ev.preventDefault(); return true; }
    if (ev.key === "ArrowUp") { moveActive(-1); ev.preventDefault(); return true; }
    if (ev.key === "Enter" || ev.key === "Tab") { if (state.composer.active >= 0) { pick(state.composer.active); ev.preventDefault(); return true; } }
    if (ev.key === "Escape") { hideSuggestions(); ev.preventDefault(); return true; }
    return false;
  }

  function onComposerInput() {
    showComposerError("");
    const text = input().value;
    if (!text.startsWith("/")) { hideSuggestions(); return; }
    const query = text.slice(1).trim().toLowerCase();
    const matches = runnableCommands().filter((c) => c.path.toLowerCase().startsWith(query) || (query && c.path.toLowerCase().includes(query)));
    showSuggestions(matches.map((c) => ({ name: "/" + c.path, hint: c.description, command: c })), (item) => selectCommand(item.command),
      matches.length ? `Commands matching /${query}` : null);
    if (!matches.length) showComposerError(query ? `No command matches /${query}.` : `${state.bot.username} has not registered any commands you can use yet.`);
  }

  function selectCommand(command) {
    state.composer.command = command;
    input().value = "";
    input().hidden = true;
    $("#command-chip").hidden = false;
    $("#command-chip-label").textContent = "/" + command.path;
    const fields = $("#option-fields");
    fields.replaceChildren();
    const ordered = [...command.options].sort((a, b) => (b.required ? 1 : 0) - (a.required ? 1 : 0));
    for (const option of ordered) fields.append(optionField(option));
    $("#option-hint").textContent = command.description || "";
    const first = fields.querySelector("input, select");
    (first || $("#send-button")).focus();
  }

  function clearCommand() {
    clearTimeout(autocompleteTimer);
    state.composer.autocompleteSeq++;
    state.composer.command = null;
    $("#option-fields").replaceChildren();
    $("#command-chip").hidden = true;
    $("#option-hint").textContent = "";
    input().hidden = false;
    input().value = "";
    hideSuggestions();
    input().focus();
  }

  function optionField(option) {
    const id = `option-${option.name}`;
    let control;
    const common = { id, name: option.name, dataset: { option: option.name, type: String(option.type) }, required: !!option.required };
    if (option.choices && option.choices.length) {
      control = el("select", Object.assign(common, { "data-json": "1" }), el("option", { value: "", text: option.required ? "Choose…" : "(none)" }),
        option.choices.map((ch) => el("option", { value: JSON.stringify(ch.value), text: ch.name })));
    } else if (option.type === OPTION.BOOLEAN) {
      control = el("select", Object.assign(common, { "data-json": "1" }), el("option", { value: "", text: option.required ? "Choose…" : "(none)" }), el("option", { value: "true", text: "True" }), el("option", { value: "false", text: "False" }));
    } else if (option.type === OPTION.USER || option.type === OPTION.MENTIONABLE) {
      control = el("select", common, el("option", { value: "", text: "Choose a member…" }), state.members.map((m) => el("option", { value: m.id, text: m.display_name })));
    } else if (option.type === OPTION.CHANNEL) {
      const types = option.channel_types && option.channel_types.length ? option.channel_types : null;
      control = el("select", common, el("option", { value: "", text: "Choose a channel…" }),
        state.channels.filter((c) => !types || types.includes(c.type)).map((c) => el("option", { value: c.id, text: "#" + c.name })));
    } else if (option.type === OPTION.ATTACHMENT) {
      control = el("input", Object.assign(common, { type: "file" }));
    } else {
      const numeric = option.type === OPTION.INTEGER || option.type === OPTION.NUMBER;
      control = el("input", Object.assign(common, {
        type: numeric && !option.autocomplete ? "number" : "text", step: option.type === OPTION.INTEGER ? "1" : numeric ? "any" : null,
        min: option.min_value, max: option.max_value, minlength: option.min_length, maxlength: option.max_length,
        placeholder: option.description || "", autocomplete: "off", role: option.autocomplete ? "combobox" : null,
        "aria-autocomplete": option.autocomplete ? "list" : null, "aria-controls": option.autocomplete ? "suggestions" : null, "aria-expanded": option.autocomplete ? "false" : null,
      }));
      if (option.autocomplete) control.addEventListener("input", () => { delete control.dataset.value; delete control.dataset.choicesFor; hideSuggestions(); scheduleAutocomplete(option, control); });
      if (option.autocomplete) control.addEventListener("focus", () => scheduleAutocomplete(option, control));
    }
    control.addEventListener("focus", () => { $("#option-hint").textContent = `${option.name}${option.required ? "" : " (optional)"} — ${option.description || ""}`; });
    control.addEventListener("blur", () => setTimeout(() => { if (state.composer.owner === control && document.activeElement !== control) hideSuggestions(); }, 120));
    control.addEventListener("keydown", (ev) => {
      if (suggestionKeys(ev)) return;
      if (ev.key === "Enter") { ev.preventDefault(); submitCommand(); }
      if (ev.key === "Escape") { ev.preventDefault(); clearCommand(); }
    });
    return el("label", { class: "option-pill" + (option.required ? " required" : ""), for: id, title: option.description || "" },
      el("span", { class: "option-name", text: option.name + (option.required ? "" : "?") }), control);
  }

  let autocompleteTimer = 0;
  function scheduleAutocomplete(option, control) {
    clearTimeout(autocompleteTimer);
    autocompleteTimer = setTimeout(() => runAutocomplete(option, control), 200);
  }

  async function runAutocomplete(option, control) {
    if (!state.composer.command || !document.body.contains(control)) return;
    const seq = ++state.composer.autocompleteSeq;
    const others = {};
    try { Object.assign(others, await collectOptions(option.name, true)); } catch { /* partial input: send the focused option alone */ }
    const typed = control.value;
    try {
      const answer = await api("/api/interactions/autocomplete", {
        guild_id: state.guild.id, channel_id: state.channelId, member_id: state.memberId, command: state.composer.command.path,
        focused: option.name, value: typed, options: others,
      });
      if (!state.composer.command) return;
      // A stale answer (the member typed on while it was on its way) is dropped: the next request is already scheduled.
      if (seq !== state.composer.autocompleteSeq || document.activeElement !== control || control.value !== typed) return;
      control.dataset.choicesFor = typed;
      if (answer.did_not_respond) { showComposerError(`${state.bot.username} did not answer the autocomplete in time.`); hideSuggestions(); return; }
      showSuggestions(answer.choices.map((ch) => ({ name: ch.name, value: ch.value })), (item) => {
        control.value = item.name;
        control.dataset.value = JSON.stringify(item.value);
        const fields = [...document.querySelectorAll("#option-fields [data-option]")];
        const next = fields[fields.indexOf(control) + 1];
        (next || $("#send-button")).focus();
      }, answer.choices.length ? option.name : null);
    } catch (err) {
      if (seq === state.composer.autocompleteSeq) showComposerError(err.message);
    }
  }

  // Reads the option fields into typed values. With skipFocused, leaves that option out and never uploads files.
  async function collectOptions(skipName, forAutocomplete) {
    const values = {};
    for (const control of document.querySelectorAll("#option-fields [data-option]")) {
      const name = control.dataset.option;
      if (name === skipName) continue;
      const type = Number(control.dataset.type);
      if (type === OPTION.ATTACHMENT) {
        if (forAutocomplete || !control.files || !control.files.length) continue;
        const form = new FormData();
        form.append("file", control.files[0]);
        values[name] = (await api("/api/attachments", form, true)).id;
        continue;
      }
      const raw = control.dataset.value !== undefined ? control.dataset.value : control.value;
      if (raw === "") continue;
      if (control.dataset.json === "1") values[name] = JSON.parse(raw);
      else if (control.dataset.value !== undefined) values[name] = JSON.parse(raw);
      else if (type === OPTION.INTEGER) { if (!/^-?\d+$/.test(raw)) throw new Error(`${name} must be a whole number.`); values[name] = Number(raw); }
      else if (type === OPTION.NUMBER) { if (Number.isNaN(Number(raw))) throw new Error(`${name} must be a number.`); values[name] = Number(raw); }
      else values[name] = raw;
    }
    return values;
  }

  async function submitCommand() {
    const command = state.composer.command;
    if (!command) return;
    hideSuggestions();
    for (const control of document.querySelectorAll("#option-fields [data-option]")) {
      const empty = control.type === "file" ? !control.files.length : control.value === "";
      if (control.required && empty) { showComposerError(`Option "${control.dataset.option}" is required.`); control.focus(); return; }
    }
    let options;
    try { options = await collectOptions(null, false); } catch (err) { showComposerError(err.message); return; }
    const label = "/" + command.path;
    clearCommand();
    showComposerError("");
    await interact("/api/interactions/command", { guild_id: state.guild.id, channel_id: state.channelId, member_id: state.memberId, command: command.path, options }, null, label);
  }

  function onComposerKey(ev) {
    if (suggestionKeys(ev)) return;
    if (ev.key === "Enter") {
      ev.preventDefault();
      const text = input().value.trim();
      if (!text) return;
      const exact = runnableCommands().find((c) => "/" + c.path === text);
      if (exact) { selectCommand(exact); return; }
      showComposerError(text.startsWith("/") ? `No command matches ${text}.` : `The playground sends slash commands only: type / to see ${state.bot.username}'s commands.`);
    }
  }

  // ---------- navigation, member switch, live updates ----------
  async function openChannel(id) {
    state.channelId = id;
    state.unread.delete(id);
    if (state.composer.command) clearCommand();
    renderChannels();
    renderHeader();
    renderMessages();
    if (!state.loaded.has(id)) {
      const messages = await api(`/api/channels/${id}/messages`);
      for (const m of messages) store(id).set(m.id, m);
      state.loaded.add(id);
      if (state.channelId === id) renderMessages();
    }
  }

  function switchMember(id) {
    state.memberId = id;
    localStorage.setItem("playground.member", id);
    if (state.composer.command) clearCommand();
    renderMembers();
    renderMessages();
    showComposerError("");
  }

  function applyMessage(m) {
    store(m.channel_id).set(m.id, m);
    if (m.channel_id === state.channelId) renderMessages();
    else if (visible(m)) { state.unread.add(m.channel_id); renderChannels(); }
  }

  function connectEvents() {
    const source = new EventSource(`/api/events?after=${state.lastEvent}`);
    source.addEventListener("open", () => document.body.classList.remove("disconnected"));
    source.addEventListener("error", () => document.body.classList.add("disconnected"));
    source.addEventListener("message", (e) => applyMessage(JSON.parse(e.data)));
    source.addEventListener("message_deleted", (e) => {
      const d = JSON.parse(e.data);
      if (d.channel_id) store(d.channel_id).delete(d.id);
      if (d.channel_id === state.channelId) renderMessages();
    });
    source.addEventListener("channel", (e) => {
      const c = JSON.parse(e.data);
      if (!channel(c.id)) state.channels.push(c);
      // A thread started from a message takes the message's id; show it on that message.
      const starter = c.parent_id && store(c.parent_id).get(c.id);
      if (starter) { starter.thread = { id: c.id, name: c.name }; if (c.parent_id === state.channelId) renderMessages(); }
      renderChannels();
    });
    source.addEventListener("commands", async () => {
      const s = await api("/api/state");
      state.commands = s.commands;
    });
    source.addEventListener("bot", (e) => { state.bot.online = JSON.parse(e.data).online; renderMembers(); });
    window.playgroundEvents = source;
  }

  async function start() {
    const s = await api("/api/state");
    Object.assign(state, { guild: s.guild, channels: s.channels, members: s.members, commands: s.commands, bot: s.bot, lastEvent: s.last_event });
    const saved = localStorage.getItem("playground.member");
    state.memberId = (s.members.find((m) => m.id === saved) || s.members.find((m) => !m.is_admin) || s.members[0] || {}).id || null;
    renderMembers();
    connectEvents();
    const first = s.channels.find((c) => c.name === "paper-club") || s.channels.find((c) => !c.is_thread);
    if (first) await openChannel(first.id);
    else renderChannels();

    input().addEventListener("input", onComposerInput);
    input().addEventListener("keydown", onComposerKey);
    // Only a real move of focus closes the list (the window losing focus keeps activeElement).
    input().addEventListener("blur", () => setTimeout(() => { if (state.composer.owner === input() && document.activeElement !== input()) hideSuggestions(); }, 120));
    $("#command-clear").addEventListener("click", clearCommand);
    $("#composer").addEventListener("submit", (ev) => { ev.preventDefault(); if (state.composer.command) submitCommand(); else onComposerKey(new KeyboardEvent("keydown", { key: "Enter" })); });
    $("#member-select").addEventListener("change", (ev) => switchMember(ev.target.value));
    $("#modal-cancel").addEventListener("click", () => $("#modal").close());
    document.addEventListener("click", (ev) => {
      if (ev.target.classList && ev.target.classList.contains("spoiler")) ev.target.classList.add("revealed");
      const mention = ev.target.closest && ev.target.closest(".channel-mention");
      if (mention && channel(mention.dataset.channel)) openChannel(mention.dataset.channel);
    });
    setInterval(() => md.refreshRelativeTimes(document), 30000);
    document.body.dataset.ready = "true";
    input().focus();
  }

  start().catch((err) => { document.body.dataset.ready = "error"; showComposerError("Could not load the playground: " + err.message); });
})();
