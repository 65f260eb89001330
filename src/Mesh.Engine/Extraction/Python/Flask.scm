; A Flask route: `@app.route(...)`, `@bp.route(...)` or a shorthand `@bp.get(...)` on a function.
(decorated_definition
  (decorator
    (call
      function: (attribute
        object: (_) @router
        attribute: (identifier) @verb)
      arguments: (argument_list) @arguments) @route)
  definition: (function_definition) @handler
  (#any-of? @verb "route" "get" "post" "put" "delete" "patch"))
