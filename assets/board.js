/* The kanban board, drawn in the browser from the records the server sends (dcc.Store#board-data).
 *
 * window.dash_clientside.dxBoard.draw(data) is a clientside callback with no Output. It draws into
 * div#board, whose children no Dash callback ever sets, so React leaves these nodes alone:
 *   #board > .board-head > .head-cell[data-head-status]
 *          > section.lane[data-lane] > .lane-header > button.lane-toggle
 *                                    > .lane-cells > .cell[data-status] > article.task-card[...]
 * Cards carry data-task-id, data-version and data-agency (the lead agency's code).
 * Task text only ever goes through textContent and dataset, never innerHTML.
 *
 * Moves: drag a card (native HTML5 drag and drop) or open its "Chuyển" menu (keyboard: Tab, Enter,
 * arrows, Escape). Either way the script moves the card at once (optimistic), then sets
 * dcc.Store#board-move; the server checks the transition, the role and the version and sends back
 * the board as it really is, so a refused move snaps back.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "dx-board-collapsed";
  var state = { data: null, limits: {}, focus: null, drag: null, collapsed: readCollapsed(), draws: 0 };

  function readCollapsed() {
    try {
      return JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "{}") || {};
    } catch (e) {
      return {};
    }
  }

  function saveCollapsed() {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state.collapsed));
    } catch (e) {
      /* private mode: collapse still works for this page */
    }
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (_, key) {
      return values[key] !== undefined && values[key] !== null ? String(values[key]) : "";
    });
  }

  function safeColor(value) {
    return /^#[0-9a-fA-F]{3,8}$/.test(value || "") ? value : "#6c757d";
  }

  function card(rec, data) {
    var labels = data.labels;
    var c = el("article", "task-card");
    c.dataset.taskId = String(rec.id);
    c.dataset.version = String(rec.v);
    c.dataset.agency = rec.ac;
    c.dataset.cardStatus = rec.s;
    c.dataset.deadline = rec.bs;
    c.draggable = true;
    c.style.setProperty("--cat", safeColor((data.colors || {})[rec.c]));
    c.style.setProperty("--progress", Math.max(0, Math.min(100, Number(rec.p) || 0)) + "%");

    var top = el("div", "card-top");
    top.appendChild(el("span", "card-num", rec.n));
    top.appendChild(el("span", "dl dl-" + rec.bs, rec.b));
    c.appendChild(top);

    var title = el("a", "card-title", rec.t);
    title.href = "/task/" + encodeURIComponent(String(rec.id));
    title.title = rec.t;
    title.draggable = false;
    c.appendChild(title);

    var meta = el("div", "card-meta");
    meta.appendChild(el("span", "card-agency", rec.a));
    if (rec.d) {
      var due = el("span", "card-due", rec.d);
      due.title = labels.due;
      meta.appendChild(due);
    }
    var progress = el("span", "card-progress", rec.p + "%");
    progress.title = labels.progress;
    meta.appendChild(progress);
    c.appendChild(meta);

    if (rec.m && rec.m.length) {
      var move = el("button", "card-move", labels.move + " ▾");
      move.type = "button";
      move.setAttribute("aria-haspopup", "menu");
      move.setAttribute("aria-expanded", "false");
      move.setAttribute("aria-label", labels.move + " " + rec.n + ": " + rec.t);
      c.appendChild(move);
    }
    return c;
  }

  function cellNode(laneCode, status, cellData, data) {
    var cell = el("div", "cell");
    cell.dataset.status = status.code;
    cell.setAttribute("aria-label", status.label);
    var cards = (cellData && cellData.tasks) || [];
    if (!cards.length) cell.appendChild(el("p", "cell-empty", data.labels.empty_cell));
    cards.forEach(function (rec) {
      cell.appendChild(card(rec, data));
    });
    var count = (cellData && cellData.count) || 0;
    if (count > cards.length) {
      var more = el("button", "cell-more", fill(data.labels.more, { n: (count - cards.length).toLocaleString("vi-VN") }));
      more.type = "button";
      more.dataset.cell = laneCode + "|" + status.code;
      more.dataset.shown = String(cards.length);
      cell.appendChild(more);
    }
    return cell;
  }

  function laneNode(lane, data) {
    var section = el("section", "lane");
    section.dataset.lane = lane.code;
    section.style.setProperty("--lane-color", safeColor(lane.color || "#12355b"));
    var collapsed = !!state.collapsed[data.group + ":" + lane.code];
    if (collapsed) section.classList.add("collapsed");

    var header = el("h2", "lane-header");
    var toggle = el("button", "lane-toggle");
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", collapsed ? "false" : "true");
    toggle.appendChild(el("span", "lane-caret", collapsed ? "▸" : "▾"));
    toggle.appendChild(el("span", "lane-name", lane.label));
    toggle.appendChild(el("span", "lane-count", lane.countLabel));
    toggle.title = collapsed ? data.labels.expand : data.labels.collapse;
    header.appendChild(toggle);
    section.appendChild(header);

    var cells = el("div", "lane-cells");
    data.statuses.forEach(function (status) {
      var key = lane.code + "|" + status.code;
      cells.appendChild(cellNode(lane.code, status, data.cells[key], data));
    });
    section.appendChild(cells);
    return section;
  }

  function rememberFocus() {
    var active = document.activeElement;
    if (!active || !active.closest) return state.focus;
    var inCard = active.closest("#board .task-card");
    if (inCard) return { id: inCard.dataset.taskId, move: active.classList.contains("card-move") };
    var more = active.closest("#board .cell-more");
    if (more) return { cell: more.dataset.cell };
    var lane = active.closest("#board .lane-toggle");
    if (lane) return { lane: lane.closest(".lane").dataset.lane };
    return state.focus;
  }

  function restoreFocus(board, focus) {
    if (!focus) return;
    var target = null;
    if (focus.id) {
      var c = board.querySelector('.task-card[data-task-id="' + CSS.escape(focus.id) + '"]');
      if (c) target = (focus.move && c.querySelector(".card-move")) || c.querySelector(".card-title");
    } else if (focus.cell) {
      var cell = board.querySelector('.cell-more[data-cell="' + CSS.escape(focus.cell) + '"]');
      target = cell;
    } else if (focus.lane) {
      target = board.querySelector('.lane[data-lane="' + CSS.escape(focus.lane) + '"] .lane-toggle');
    }
    if (target) target.focus({ preventScroll: false });
  }

  function drawAll(board, data) {
    var focus = rememberFocus();
    var frag = document.createDocumentFragment();
    board.style.setProperty("--columns", String(data.statuses.length || 4));
    if (!data.plan || !data.lanes.length) {
      frag.appendChild(el("p", "board-empty alert alert-info", data.labels.empty));
    } else {
      var head = el("div", "board-head");
      data.statuses.forEach(function (status) {
        var h = el("div", "head-cell");
        h.dataset.headStatus = status.code;
        h.appendChild(el("span", "head-label", status.label));
        h.appendChild(el("span", "head-count", Number(status.count).toLocaleString("vi-VN")));
        head.appendChild(h);
      });
      frag.appendChild(head);
      data.lanes.forEach(function (lane) {
        frag.appendChild(laneNode(lane, data));
      });
    }
    board.replaceChildren(frag);
    board.removeAttribute("data-loading");
    board.removeAttribute("aria-busy");
    restoreFocus(board, focus);
    state.focus = null;
  }

  function draw(data, tries) {
    if (!data) return;
    var board = document.getElementById("board");
    if (!board) {
      if ((tries || 0) < 120) {
        window.requestAnimationFrame(function () {
          draw(data, (tries || 0) + 1);
        });
      }
      return;
    }
    state.data = data;
    state.draws += 1;
    drawAll(board, data);
  }

  /* ---- moves ---------------------------------------------------------------------------- */

  function findRecord(id) {
    var data = state.data;
    if (!data) return null;
    for (var key in data.cells) {
      var tasks = data.cells[key].tasks;
      for (var i = 0; i < tasks.length; i++) if (String(tasks[i].id) === String(id)) return tasks[i];
    }
    return null;
  }

  function sendMove(cardEl, to, keepFocusOnMove) {
    var id = cardEl.dataset.taskId;
    var from = cardEl.dataset.cardStatus;
    if (!to || to === from) return;
    // Optimistic: show the card in its new column now; the server's answer redraws the truth.
    var lane = cardEl.closest(".lane");
    var target = lane && lane.querySelector('.cell[data-status="' + CSS.escape(to) + '"]');
    if (target) {
      var empty = target.querySelector(".cell-empty");
      if (empty) empty.remove();
      target.insertBefore(cardEl, target.firstChild);
      cardEl.dataset.cardStatus = to;
    }
    cardEl.classList.add("pending");
    cardEl.setAttribute("aria-busy", "true");
    state.focus = { id: id, move: !!keepFocusOnMove };
    var live = document.getElementById("board-live");
    if (live && state.data) live.textContent = state.data.labels.moving;
    window.dash_clientside.set_props("board-move", {
      data: { id: Number(id), to: to, v: Number(cardEl.dataset.version), ts: Date.now() },
    });
  }

  function closeMenus(except) {
    document.querySelectorAll("#board .move-menu").forEach(function (menu) {
      if (menu === except) return;
      var button = menu.parentNode && menu.parentNode.querySelector(".card-move");
      if (button) button.setAttribute("aria-expanded", "false");
      menu.remove();
    });
  }

  function openMenu(button) {
    var cardEl = button.closest(".task-card");
    var rec = findRecord(cardEl.dataset.taskId);
    if (!rec || !state.data) return;
    var existing = cardEl.querySelector(".move-menu");
    closeMenus(null);
    if (existing) return; // a second click closes it
    var menu = el("div", "move-menu");
    menu.setAttribute("role", "menu");
    rec.m.forEach(function (to) {
      var item = el("button", "move-item", fill(state.data.labels.move_to, { status: state.data.labels.status[to] }));
      item.type = "button";
      item.setAttribute("role", "menuitem");
      item.dataset.to = to;
      menu.appendChild(item);
    });
    cardEl.appendChild(menu);
    button.setAttribute("aria-expanded", "true");
    var first = menu.querySelector(".move-item");
    if (first) first.focus();
  }

  function onClick(event) {
    var target = event.target;
    if (!target.closest || !target.closest("#board")) {
      closeMenus(null);
      return;
    }
    var button = target.closest(".card-move");
    if (button) {
      event.preventDefault();
      openMenu(button);
      return;
    }
    var item = target.closest(".move-item");
    if (item) {
      event.preventDefault();
      var cardEl = item.closest(".task-card");
      closeMenus(null);
      sendMove(cardEl, item.dataset.to, true);
      return;
    }
    var more = target.closest(".cell-more");
    if (more) {
      state.limits[more.dataset.cell] = Number(more.dataset.shown) + 100;
      state.focus = { cell: more.dataset.cell };
      window.dash_clientside.set_props("board-limits", { data: Object.assign({}, state.limits) });
      return;
    }
    var toggle = target.closest(".lane-toggle");
    if (toggle && state.data) {
      var lane = toggle.closest(".lane");
      var key = state.data.group + ":" + lane.dataset.lane;
      var collapsed = !lane.classList.contains("collapsed");
      lane.classList.toggle("collapsed", collapsed);
      toggle.setAttribute("aria-expanded", collapsed ? "false" : "true");
      toggle.querySelector(".lane-caret").textContent = collapsed ? "▸" : "▾";
      toggle.title = collapsed ? state.data.labels.expand : state.data.labels.collapse;
      if (collapsed) state.collapsed[key] = true;
      else delete state.collapsed[key];
      saveCollapsed();
      return;
    }
    closeMenus(null);
  }

  function onKeydown(event) {
    var menu = event.target.closest && event.target.closest("#board .move-menu");
    if (!menu) return;
    var items = Array.prototype.slice.call(menu.querySelectorAll(".move-item"));
    var index = items.indexOf(event.target);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var step = event.key === "ArrowDown" ? 1 : -1;
      items[(index + step + items.length) % items.length].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      var button = menu.parentNode.querySelector(".card-move");
      closeMenus(null);
      if (button) button.focus();
    } else if (event.key === "Tab") {
      closeMenus(null);
    }
  }

  function onDragStart(event) {
    var cardEl = event.target.closest && event.target.closest("#board .task-card");
    if (!cardEl) return;
    closeMenus(null);
    state.drag = { id: cardEl.dataset.taskId };
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", cardEl.dataset.taskId); // Firefox needs data to drag
    cardEl.classList.add("dragging");
  }

  function dropZone(event) {
    return event.target.closest && event.target.closest("#board .cell[data-status]");
  }

  function onDragOver(event) {
    var zone = dropZone(event);
    if (!zone || !state.drag) return;
    event.preventDefault(); // without it, drop never fires
    event.dataTransfer.dropEffect = "move";
    if (!zone.classList.contains("drop-target")) {
      document.querySelectorAll("#board .drop-target").forEach(function (z) {
        z.classList.remove("drop-target");
      });
      zone.classList.add("drop-target");
    }
  }

  function onDrop(event) {
    var zone = dropZone(event);
    if (!zone || !state.drag) return;
    event.preventDefault();
    var id = event.dataTransfer.getData("text/plain") || state.drag.id;
    var cardEl = document.querySelector('#board .task-card[data-task-id="' + CSS.escape(id) + '"]');
    cleanupDrag();
    if (cardEl) sendMove(cardEl, zone.dataset.status, false);
  }

  function cleanupDrag() {
    state.drag = null;
    document.querySelectorAll("#board .dragging, #board .drop-target").forEach(function (n) {
      n.classList.remove("dragging", "drop-target");
    });
  }

  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKeydown);
  document.addEventListener("dragstart", onDragStart);
  document.addEventListener("dragover", onDragOver);
  document.addEventListener("drop", onDrop);
  document.addEventListener("dragend", cleanupDrag);

  // mutate in place: whichever of this script and dash-renderer runs first, both keep their entries
  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.dxBoard = {
    draw: function (data) {
      draw(data, 0);
    },
    // how many times the board was drawn (tests check that a quiet refresh draws nothing)
    drawCount: function () {
      return state.draws;
    },
  };
})();
