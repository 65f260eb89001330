; fetch calls in React components: fetch('/api/...') or fetch(`/api/${id}`).
(call_expression
  function: (identifier) @callee
  arguments: (arguments . [(string) (template_string)] @url)
  (#eq? @callee "fetch"))
