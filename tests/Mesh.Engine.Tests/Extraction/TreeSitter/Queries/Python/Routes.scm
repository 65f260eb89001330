; FastAPI/Flask-style route decorators: @app.get("/path") above a function.
(decorated_definition
  (decorator
    (call
      function: (attribute
        object: (identifier) @receiver
        attribute: (identifier) @method)
      arguments: (argument_list . (string) @path)))
  definition: (function_definition
    name: (identifier) @handler)
  (#any-of? @method "get" "post" "put" "patch" "delete"))
