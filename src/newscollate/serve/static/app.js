// newscollate serve: small helpers; every page works without them.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Compare form: add article slots, and show that a comparison is running.
  const slots = document.getElementById("slots");
  const add = document.getElementById("add-slot");
  if (slots && add) {
    add.hidden = false;
    add.addEventListener("click", () => {
      const last = slots.querySelector("fieldset.slot:last-of-type");
      const copy = last.cloneNode(true);
      copy.querySelectorAll("input:not([type=hidden]), textarea").forEach((el) => { el.value = ""; });
      copy.querySelector("legend").textContent = "Article " + (slots.children.length + 1);
      slots.appendChild(copy);
      copy.querySelector("textarea").focus();
    });
  }
  const form = document.getElementById("compare-form");
  if (form) {
    form.addEventListener("submit", () => {
      document.getElementById("compare-submit").disabled = true;
      document.getElementById("busy").hidden = false;
    });
  }

  // Result: copy the permalink.
  const copyLink = document.getElementById("copy-link");
  const permalink = document.getElementById("permalink");
  if (copyLink && permalink && navigator.clipboard) {
    copyLink.hidden = false;
    copyLink.addEventListener("click", () => {
      navigator.clipboard.writeText(permalink.value).then(() => { copyLink.textContent = "Copied"; });
    });
  }

  // Report: clicking a fact check outlines its facts in the collation.
  document.querySelectorAll(".checks li[data-facts]").forEach((item) => {
    item.addEventListener("click", (event) => {
      if (event.target.closest("a")) return;
      const ids = new Set(item.dataset.facts.split(" "));
      let first = null;
      document.querySelectorAll(".fact[data-facts]").forEach((span) => {
        const hit = span.dataset.facts.split(" ").some((id) => ids.has(id));
        span.classList.toggle("focus", hit);
        if (hit && !first) first = span;
      });
      if (first) first.scrollIntoView({ behavior: "smooth", block: "center" });
    });
  });
});
