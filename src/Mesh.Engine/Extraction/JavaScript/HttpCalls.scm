; HTTP calls: fetch, axios and ky (functions, config objects, instances), Angular HttpClient, superagent, and
; generated OpenAPI clients. Calls by name (fetch(url), api(url)) come from JsFile.scm's calls; C# decides from the
; file's clients (imports, instances, Angular fields) which calls are HTTP.

; api.get(url), this.http.post(url, body), window.fetch(url), axios.request(config), request.del(url)
((call_expression
  function: (member_expression object: (_) @owner property: (property_identifier) @name)) @call
  (#any-of? @name "get" "post" "put" "patch" "delete" "head" "options" "request" "del" "fetch"))

; `await api.get<Order>(url)` parses as a call of the await expression
((call_expression
  function: (await_expression (member_expression object: (_) @owner property: (property_identifier) @name))) @call
  (#any-of? @name "get" "post" "put" "patch" "delete" "head" "options" "request" "del" "fetch"))

; a generated client: __request(OpenAPI, { method: "GET", url: "/orders/{id}" }); C# finds the call the object is given to
; (openapi-generator's typescript-fetch names it `path`)
((pair key: (property_identifier) @key) @url
  (#any-of? @key "url" "path"))
((shorthand_property_identifier) @url
  (#eq? @url "url"))
