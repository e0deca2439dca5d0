// Documents tab: drag a box over the page image to take the words inside it as a field's value.
// The box is written, in the image's own pixels, into the "Box on the page" field (#ap-doc-box), and
// "Use words in box" (#ap-doc-box-go) is pressed; the server divides by the render scale and picks the
// words (review_ui/page_words.py: words_in_box). A movement shorter than MIN css px stays a click (the
// phrase under it). Typing the box and pressing Enter does the same without a mouse.
(function () {
  var MIN = 6;
  var start = null, frame = null, dragged = false, fade = null;

  function pageImage(el) { return el && el.closest ? el.closest('#ap-doc-image img') : null; }
  function toImage(im, x, y) {  // client point -> image pixel (the image is scaled to fit, centred, never enlarged)
    var r = im.getBoundingClientRect();
    var s = Math.min(r.width / im.naturalWidth, r.height / im.naturalHeight, 1);
    var ox = r.left + (r.width - im.naturalWidth * s) / 2, oy = r.top + (r.height - im.naturalHeight * s) / 2;
    var px = Math.min(Math.max((x - ox) / s, 0), im.naturalWidth);
    var py = Math.min(Math.max((y - oy) / s, 0), im.naturalHeight);
    return [Math.round(px), Math.round(py)];
  }
  function draw(x0, y0, x1, y1) {
    if (!frame) {
      frame = document.createElement('div');
      frame.id = 'ap-doc-drag';
      document.body.appendChild(frame);
    }
    frame.style.left = Math.min(x0, x1) + 'px';
    frame.style.top = Math.min(y0, y1) + 'px';
    frame.style.width = Math.abs(x1 - x0) + 'px';
    frame.style.height = Math.abs(y1 - y0) + 'px';
  }
  function unframe() { if (fade) { clearTimeout(fade); fade = null; } if (frame) { frame.remove(); frame = null; } }
  function clear() { unframe(); start = null; }
  function send(text) {
    var host = document.getElementById('ap-doc-box');
    var input = host && host.querySelector('textarea, input');
    var go = document.getElementById('ap-doc-box-go');
    var button = go && (go.tagName === 'BUTTON' ? go : go.querySelector('button'));
    if (!input || !button || button.disabled) return;
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    setTimeout(function () { button.click(); }, 50);  // after the field's new value is taken
  }

  document.addEventListener('mousedown', function (e) {
    var im = pageImage(e.target);
    // no box for a role that cannot correct: the "Use words in box" control is not on its page
    if (!im || e.button !== 0 || !document.getElementById('ap-doc-box-go')) return;
    e.preventDefault();  // no native image drag
    unframe();  // the last box's frame goes now: its timer must not end this press (a quick second drag)
    dragged = false;
    start = { x: e.clientX, y: e.clientY, im: im };
  }, true);
  document.addEventListener('mousemove', function (e) {
    if (!start) return;
    if (Math.abs(e.clientX - start.x) + Math.abs(e.clientY - start.y) >= MIN) draw(start.x, start.y, e.clientX, e.clientY);
  }, true);
  document.addEventListener('mouseup', function (e) {
    if (!start) return;
    var s = start;
    if (Math.abs(e.clientX - s.x) + Math.abs(e.clientY - s.y) < MIN) { clear(); return; }  // a click
    var a = toImage(s.im, s.x, s.y), b = toImage(s.im, e.clientX, e.clientY);
    dragged = true;  // until the click this mouseup makes (or the next press): no timer, which a busy machine outruns
    start = null;
    fade = setTimeout(unframe, 900);  // the frame stays a moment so the person sees what was taken
    send([Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])].join(', '));
  }, true);
  document.addEventListener('click', function (e) {  // the click that ends a drag is not a word click
    if (!dragged) return;
    dragged = false;
    if (pageImage(e.target)) { e.preventDefault(); e.stopImmediatePropagation(); }
  }, true);
})();
