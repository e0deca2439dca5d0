// Keyboard shortcuts for the triage tab (documented on screen above the queue).
(function () {
  function visible(el) { return el && el.offsetParent !== null; }
  function click(id) {
    var el = document.getElementById(id);
    if (!visible(el)) return false;
    var b = el.tagName === 'BUTTON' ? el : el.querySelector('button');
    if (b && b.disabled) return false;  // a role that may not decide: the key does nothing, as the button
    (b || el).click();
    return true;
  }
  function focusBox(id) {
    var el = document.getElementById(id);
    if (!visible(el)) return false;
    var box = el.querySelector('textarea, input');
    if (box) { box.focus(); return true; }
    return false;
  }
  document.addEventListener('keydown', function (e) {
    var t = e.target || {};
    var typing = t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable;
    var key = (e.key || '').toLowerCase();
    var done = false;
    if (e.altKey && !e.ctrlKey && !e.metaKey) {
      // by physical key: on a Mac, Option+A types "å" (e.key), while e.code is still "KeyA"
      var code = (e.code || '').replace(/^Key/, '').toLowerCase() || key;
      if (code === 'a') done = click('ap-accept');
      else if (code === 'd') done = click('ap-dismiss');
      else if (code === 'n') done = click('ap-next');
      else if (code === 'p') done = click('ap-prev');
    } else if (e.ctrlKey && key === 'enter' && typing) {
      var host = t.closest('#ap-corrective, #ap-due') ? 'ap-accept' : t.closest('#ap-reason') ? 'ap-dismiss' :
                 t.closest('#ap-comment') ? 'ap-comment-btn' : null;
      if (host) done = click(host);
    } else if (key === 'escape' && typing) {
      t.blur(); done = true;
    } else if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      if (key === 'j' || key === 'n') done = click('ap-next');
      else if (key === 'k' || key === 'p') done = click('ap-prev');
      else if (key === 'a') done = focusBox('ap-corrective');
      else if (key === 'd') done = focusBox('ap-reason');
    }
    if (done) { e.preventDefault(); e.stopPropagation(); }
  }, true);
})();
