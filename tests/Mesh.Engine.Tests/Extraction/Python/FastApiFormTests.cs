using static Mesh.Engine.Tests.Extraction.Python.PythonSource;

namespace Mesh.Engine.Tests.Extraction.Python;

/// <summary>FastAPI request bodies sent as forms: <c>Form()</c>, <c>File()</c>/<c>UploadFile</c>, and class dependencies such as the OAuth2 password form.</summary>
public sealed class FastApiFormTests
{
    [Fact]
    public void The_oauth2_password_form_as_a_class_dependency_is_a_urlencoded_form_body()
    {
        const string source =
            """
            from typing import Annotated

            from fastapi import APIRouter, Depends
            from fastapi.security import OAuth2PasswordRequestForm

            router = APIRouter()


            @router.post("/login/access-token")
            def login(form_data: Annotated[OAuth2PasswordRequestForm, Depends()]):
                ...
            """;
        var endpoint = Assert.Single(Extract(source).Endpoints);
        Assert.Empty(endpoint.Parameters);
        var body = Assert.IsType<Mesh.Engine.Model.ApiRequestBody>(endpoint.RequestBody);
        Assert.Equal(["application/x-www-form-urlencoded"], body.ContentTypes);
        Assert.Equal(["client_id", "client_secret", "grant_type", "password", "scope", "username"], body.Schema!.Properties!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["password", "username"], body.Schema.Required);
    }

    [Fact]
    public void Form_and_file_parameters_make_a_multipart_body_and_a_class_dependency_adds_its_constructor_parameters()
    {
        const string source =
            """
            from fastapi import Depends, FastAPI, File, Form, Query, UploadFile

            app = FastAPI()


            class Paging:
                def __init__(self, skip: int = 0, limit: int = Query(100)):
                    self.skip = skip
                    self.limit = limit


            @app.post("/files")
            def upload(title: str = Form(), data: UploadFile = File(), paging: Paging = Depends()):
                ...


            @app.post("/notes")
            def note(text: str = Form(...)):
                ...
            """;
        var endpoints = Extract(source).Endpoints;
        var upload = Assert.Single(endpoints, e => e.Path == "/files");
        Assert.Equal(["multipart/form-data"], upload.RequestBody!.ContentTypes);
        Assert.Equal(["data", "title"], upload.RequestBody.Schema!.Properties!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("binary", upload.RequestBody.Schema.Properties["data"].Format);
        Assert.Equal([("skip", "query"), ("limit", "query")], upload.Parameters.Select(p => (p.Name, p.In)));
        var note = Assert.Single(endpoints, e => e.Path == "/notes");
        Assert.Equal(["application/x-www-form-urlencoded"], note.RequestBody!.ContentTypes);
        Assert.Equal(["text"], note.RequestBody.Schema!.Required);
    }
}
