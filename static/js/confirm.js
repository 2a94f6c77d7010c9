// <form data-confirm="…">: ask before submitting (replaces inline onsubmit="return confirm(…)",
// which the Content-Security-Policy forbids). Without JavaScript the form submits as is.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
