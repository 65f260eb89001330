; Express-style routes: app.get('/path', handler), router.post(...).
(call_expression
  function: (member_expression
    object: (identifier) @receiver
    property: (property_identifier) @method)
  arguments: (arguments . (string) @path)
  (#match? @method "^(get|post|put|patch|delete)$")
  (#not-eq? @receiver "axios"))
