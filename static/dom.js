// What the pages' scripts share, loaded before them (deferred, in order):
// el() makes an element with attributes and text content, never markup.
function el(tag, attrs, text) {
  var e = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
  if (text) e.textContent = text;
  return e;
}
