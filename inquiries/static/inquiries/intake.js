/*
 * The intake form (inquiries/new.html), for the keyboard.
 *
 * - "Staff asked": the multi-select is replaced by a search box (a name or
 *   pinyin initials, answered by /inquiries/staff-search/) and removable
 *   chips, each backed by a hidden input "asked_staff", in the order added.
 *   ↑/↓ move in the results, Enter adds, Escape closes, Backspace in the
 *   empty box removes the last chip. Enter never submits while the box has
 *   text: a half-typed name is added (once its results arrive), not lost.
 * - The service item select gets a filter box.
 * - The "report or complaint" hint follows the kind.
 * - Ctrl+Enter (⌘+Enter) submits from anywhere, a text area included.
 *
 * Without this file the form works as it stands: a plain multi-select.
 */
(function () {
  "use strict";

  var form = document.getElementById("intake-form");
  if (!form) {
    return;
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        fn.apply(null, args);
      }, ms);
    };
  }

  // --- Staff asked: search box and chips ---------------------------------------

  function setUpAskedPicker() {
    var picker = form.querySelector("[data-asked-picker]");
    var fallback = form.querySelector("[data-asked-fallback]");
    var initial = document.getElementById("asked-initial");
    if (!picker || !fallback || !window.fetch) {
      return;
    }
    var select = fallback.querySelector("select");
    var chips = picker.querySelector("[data-asked-chips]");
    var input = picker.querySelector("#asked-search");
    var list = picker.querySelector("#asked-results");
    var url = picker.getAttribute("data-search-url");
    var labels = {
      remove: picker.getAttribute("data-label-remove"),
      none: picker.getAttribute("data-label-none"),
      rank: picker.getAttribute("data-label-rank"),
    };
    var results = [];
    var highlighted = -1;
    var sequence = 0;
    var pending = null; // the query whose results are awaited
    var addOnArrival = false; // Enter was pressed before the results came

    // The select is no longer sent: the chips' hidden inputs are.
    if (select) {
      select.disabled = true;
    }
    fallback.hidden = true;
    picker.hidden = false;

    function chosenIds() {
      return Array.prototype.map.call(chips.querySelectorAll("input[name=asked_staff]"), function (field) {
        return field.value;
      });
    }

    function describe(staff) {
      var parts = [staff.department];
      if (staff.title) {
        parts.push(staff.title);
      }
      parts.push(labels.rank + " " + staff.rank);
      return parts.join(" · ");
    }

    function addChip(staff) {
      if (chosenIds().indexOf(String(staff.id)) !== -1) {
        return;
      }
      var chip = document.createElement("li");
      chip.className = "asked-chip";
      chip.setAttribute("data-staff-id", staff.id);
      chip.setAttribute("data-rank", staff.rank);
      chip.title = describe(staff);
      var name = document.createElement("span");
      name.textContent = staff.name;
      var detail = document.createElement("span");
      detail.className = "small text-body-secondary";
      detail.textContent = staff.department;
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "asked_staff";
      hidden.value = staff.id;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "btn-close";
      remove.setAttribute("aria-label", labels.remove + " " + staff.name);
      remove.addEventListener("click", function () {
        chip.remove();
        input.focus();
      });
      chip.append(name, detail, hidden, remove);
      chips.appendChild(chip);
    }

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      results = [];
      highlighted = -1;
    }

    function highlight(index) {
      var items = list.querySelectorAll("[role=option]");
      if (!items.length) {
        return;
      }
      highlighted = (index + items.length) % items.length;
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === highlighted ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", items[highlighted].id);
      items[highlighted].scrollIntoView({ block: "nearest" });
    }

    function choose(index) {
      var staff = results[index];
      if (!staff) {
        return;
      }
      addChip(staff);
      input.value = "";
      close();
      input.focus();
    }

    function show(found) {
      var taken = chosenIds();
      results = found.filter(function (staff) {
        return taken.indexOf(String(staff.id)) === -1;
      });
      list.innerHTML = "";
      if (!results.length) {
        var empty = document.createElement("li");
        empty.className = "list-group-item small text-body-secondary";
        empty.textContent = labels.none;
        list.appendChild(empty);
      }
      results.forEach(function (staff, index) {
        var item = document.createElement("li");
        item.className = "list-group-item list-group-item-action py-1";
        item.id = "asked-option-" + staff.id;
        item.setAttribute("role", "option");
        item.setAttribute("data-staff-id", staff.id);
        var name = document.createElement("div");
        name.className = "fw-semibold";
        name.textContent = staff.name;
        var detail = document.createElement("div");
        detail.className = "small text-body-secondary";
        detail.textContent = describe(staff);
        item.append(name, detail);
        // mousedown, not click: the box keeps the focus.
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(index);
        });
        list.appendChild(item);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      if (results.length) {
        highlight(0);
      }
      if (addOnArrival) {
        addOnArrival = false;
        if (results.length) {
          choose(0);
        }
      }
    }

    var search = debounce(function (query) {
      var mine = ++sequence;
      pending = query;
      window
        .fetch(url + "?q=" + encodeURIComponent(query), {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(function (found) {
          // An older answer arriving late must not replace a newer one.
          if (mine !== sequence || input.value.trim() !== query) {
            return;
          }
          pending = null;
          show(found);
        })
        .catch(function () {
          pending = null;
          addOnArrival = false;
        });
    }, 120);

    input.addEventListener("input", function () {
      var query = input.value.trim();
      addOnArrival = false;
      if (!query) {
        sequence++;
        pending = null;
        close();
        return;
      }
      search(query);
    });

    input.addEventListener("keydown", function (event) {
      if (event.isComposing) {
        return; // the input method is still choosing characters
      }
      var open = !list.hidden && results.length > 0;
      if (event.key === "ArrowDown" && open) {
        event.preventDefault();
        highlight(highlighted + 1);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(highlighted - 1);
      } else if (event.key === "Enter" && !(event.ctrlKey || event.metaKey)) {
        if (!input.value.trim()) {
          return; // an empty box: Enter submits the form
        }
        event.preventDefault();
        if (open) {
          choose(highlighted < 0 ? 0 : highlighted);
        } else if (pending !== null || list.hidden) {
          addOnArrival = true;
          search(input.value.trim());
        }
      } else if (event.key === "Escape") {
        if (!list.hidden || input.value) {
          event.preventDefault();
          input.value = "";
          close();
        }
      } else if (event.key === "Backspace" && !input.value) {
        var last = chips.lastElementChild;
        if (last) {
          event.preventDefault();
          last.remove();
        }
      }
    });

    input.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });

    var start = [];
    try {
      start = JSON.parse(initial ? initial.textContent : "[]") || [];
    } catch (error) {
      start = [];
    }
    start.forEach(addChip);
  }

  // --- The service item's filter box ------------------------------------------

  function setUpItemFilter() {
    var box = form.querySelector("[data-filter-for]");
    if (!box) {
      return;
    }
    var select = document.getElementById(box.getAttribute("data-filter-for"));
    if (!select) {
      return;
    }
    box.hidden = false;

    function firstVisible() {
      return Array.prototype.find.call(select.options, function (option) {
        return option.value && !option.hidden;
      });
    }

    box.addEventListener("input", function () {
      var query = box.value.trim().toLowerCase();
      select.querySelectorAll("optgroup").forEach(function (group) {
        var any = false;
        group.querySelectorAll("option").forEach(function (option) {
          var match = !query || option.textContent.toLowerCase().indexOf(query) !== -1;
          option.hidden = !match;
          any = any || match;
        });
        group.hidden = !any;
      });
      var only = select.querySelectorAll("option[value]:not([hidden]):not([value=''])");
      if (query && only.length === 1) {
        select.value = only[0].value;
      }
    });

    // Enter in the filter box picks the first match rather than submitting.
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !(event.ctrlKey || event.metaKey) && box.value.trim()) {
        event.preventDefault();
        var option = firstVisible();
        if (option) {
          select.value = option.value;
          select.focus();
        }
      }
    });
  }

  // --- The kind: the register's hint for a report ------------------------------

  function setUpKindHint() {
    var hint = form.querySelector("[data-report-hint]");
    if (!hint) {
      return;
    }
    form.querySelectorAll("input[name=kind]").forEach(function (radio) {
      radio.addEventListener("change", function () {
        hint.hidden = !(radio.checked && radio.value === "report");
      });
    });
  }

  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  setUpAskedPicker();
  setUpItemFilter();
  setUpKindHint();
})();
