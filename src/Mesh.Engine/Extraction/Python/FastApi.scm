; A FastAPI route: a decorator `@app.get(...)` / `@router.post(...)` / `@router.api_route(...)` on a function.
(decorated_definition
  (decorator
    (call
      function: (attribute
        object: (_) @router
        attribute: (identifier) @verb)
      arguments: (argument_list) @arguments) @route)
  definition: (function_definition) @handler
  (#any-of? @verb "get" "post" "put" "delete" "patch" "head" "options" "trace" "api_route"))
