// Copy buttons (progressive enhancement): a button with `data-copy="<id>"`
// is hidden in the HTML and shown only here, where copying can work; it
// copies the text of the element with that id and says so in the status
// region beside it. Without JavaScript the text stays selectable.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("button[data-copy]");
  Array.prototype.forEach.call(buttons, function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector("[role=status]");
    if (!source || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent).then(
        function () {
          if (status) status.textContent = "Copied the badge HTML.";
        },
        function () {
          if (status) status.textContent = "Could not copy: select the HTML above and copy it.";
        }
      );
    });
  });
})();
