// A little help on top of the page, which works without it: a pasted link opens at once,
// and the copy button copies the post's TikTok link.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const field = document.getElementById("url");
  if (field) {
    field.addEventListener("paste", () => {
      setTimeout(() => {
        if (field.value.trim()) field.form.requestSubmit();
      }, 0);
    });
  }
  for (const button of document.querySelectorAll("button[data-copy]")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(button.dataset.copy);
        button.textContent = "Copied";
      } catch {
        button.textContent = "Copy it from the address bar";
      }
    });
  }
});
