using Mesh.Engine.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mesh.Engine.Extraction.CSharp;

/// <summary>
/// <c>HttpClient</c> calls: <c>GetAsync</c>, <c>PostAsJsonAsync</c>, <c>SendAsync(new HttpRequestMessage(...))</c>... become
/// call sites; a method that forwards one of its parameters as the URL becomes a <see cref="WrapperFact"/> instead.
/// </summary>
internal static class HttpClientCalls
{
    public const string Client = "HttpClient";

    /// <param name="Specific">Only HttpClient has a method of this name, so any receiver counts.</param>
    private sealed record Verb(string? Method, bool Specific, bool HasBody = false, bool ReadsJson = false, bool Sequence = false);

    private static readonly Dictionary<string, Verb> Verbs = new(StringComparer.Ordinal)
    {
        ["GetAsync"] = new("GET", false),
        ["GetStringAsync"] = new("GET", false),
        ["GetStreamAsync"] = new("GET", false),
        ["GetByteArrayAsync"] = new("GET", false),
        ["GetFromJsonAsync"] = new("GET", true, ReadsJson: true),
        ["GetFromJsonAsAsyncEnumerable"] = new("GET", true, ReadsJson: true, Sequence: true),
        ["PostAsync"] = new("POST", false, HasBody: true),
        ["PostAsJsonAsync"] = new("POST", true, HasBody: true),
        ["PutAsync"] = new("PUT", false, HasBody: true),
        ["PutAsJsonAsync"] = new("PUT", true, HasBody: true),
        ["PatchAsync"] = new("PATCH", false, HasBody: true),
        ["PatchAsJsonAsync"] = new("PATCH", true, HasBody: true),
        ["DeleteAsync"] = new("DELETE", false),
        ["DeleteFromJsonAsync"] = new("DELETE", true, ReadsJson: true),
        ["SendAsync"] = new(null, false),
        ["Send"] = new(null, false),
    };

    /// <summary>A call this reader takes as HttpClient's own API (so not a repo function a candidate could match).</summary>
    public static bool IsHttpClientCall(CSharpFile file, InvocationExpressionSyntax invocation)
    {
        var name = CSharpFile.InvokedName(invocation);
        if (name is "ReadFromJsonAsync" or "ReadFromJsonAsAsyncEnumerable" or "CreateClient") return true;
        if (name is null || !Verbs.TryGetValue(name, out var verb) || ReceiverOf(invocation) is not { } receiver) return false;
        return verb.Specific || HttpClientReceivers.Classify(file, receiver).IsHttpClient;
    }

    /// <summary>What a call asks for, before the URL is evaluated. <see cref="Url"/> is null when the request message is built out of sight.</summary>
    private sealed record Request(string? Method, ExpressionSyntax? MethodExpression, ExpressionSyntax? Url, ApiSchema? Body, string Hole = "request");

    public static void Read(CSharpFile file, FactSink sink, CancellationToken cancellationToken)
    {
        foreach (var invocation in file.Invocations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = CSharpFile.InvokedName(invocation);
            if (name is null || !Verbs.TryGetValue(name, out var verb) || ReceiverOf(invocation) is not { } receiver) continue;
            var client = HttpClientReceivers.Classify(file, receiver);
            if (!client.IsHttpClient && !verb.Specific) continue;
            var request = verb.Method is null ? Message(file, invocation) : Plain(file, invocation, verb);
            if (request is null) continue;

            var response = verb.ReadsJson
                ? CSharpFile.TypeArguments(invocation) is [var type, ..] && MessageSchemas.Of(invocation, type) is { } read
                    ? verb.Sequence ? new ApiSchema { Types = ["array"], Items = read } : read
                    : null
                : MessageSchemas.Read(invocation);
            var url = request.Url is null
                ? new UrlText("{" + request.Hole + "}", "request message built out of sight", SyntaxFactory.IdentifierName(request.Hole))
                : UrlArguments.Evaluate(file, request.Url);
            var line = file.Line(CSharpFile.NameToken(invocation));

            if (request.Url is not null && Wrapper(file, invocation, request, url, client, response) is { } wrapper)
            {
                sink.Wrappers.Add(wrapper);
                continue;
            }
            sink.CallSites.Add(new CallSiteFact
            {
                Client = Client,
                Method = request.Method,
                Url = url.Text,
                Line = line,
                BaseHint = client.BaseHint,
                RequestSchema = request.Body,
                ResponseSchema = response,
                ClientScope = client.ClientScope,
                Unresolved = url.Unresolved,
                Helpers = url.Helpers,
            });
        }
    }

    /// <summary><c>client.GetAsync(...)</c> and <c>client?.GetAsync(...)</c>.</summary>
    private static ExpressionSyntax? ReceiverOf(InvocationExpressionSyntax invocation) =>
        CSharpFile.Receiver(invocation) ?? (invocation.Expression is MemberBindingExpressionSyntax && invocation.Parent is ConditionalAccessExpressionSyntax conditional ? conditional.Expression : null);


    private static Request? Plain(CSharpFile file, InvocationExpressionSyntax invocation, Verb verb)
    {
        var args = invocation.ArgumentList.Arguments;
        var positional = args.Where(a => a.NameColon is null).ToList();
        var url = args.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText is "requestUri")?.Expression ?? positional.FirstOrDefault()?.Expression;
        if (url is null) return null;
        ApiSchema? body = null;
        if (verb.HasBody)
        {
            var value = args.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText is "value" or "content")?.Expression
                ?? (positional.Count > 1 ? positional[1].Expression : null);
            body = CSharpFile.TypeArguments(invocation) is [var type, ..] ? MessageSchemas.Of(invocation, type)
                : value is null ? null : MessageSchemas.Body(file, invocation, value);
        }
        return new Request(verb.Method, null, url, body);
    }

    /// <summary><c>SendAsync(new HttpRequestMessage(HttpMethod.Post, url))</c>, directly or through a local built just before.</summary>
    private static Request? Message(CSharpFile file, InvocationExpressionSyntax invocation)
    {
        if (invocation.ArgumentList.Arguments is not [var first, ..]) return null;
        var message = Declarations.Strip(first.Expression);
        string? local = null;
        if (message is IdentifierNameSyntax identifier)
        {
            local = identifier.Identifier.ValueText;
            var declaration = Declarations.Find(file, identifier, local);
            if (declaration is not { Kind: DeclarationKind.Local, Value: { } value })
                return new Request(null, null, null, null, local);
            message = Declarations.Strip(value);
        }
        ArgumentListSyntax? arguments;
        InitializerExpressionSyntax? initializer;
        switch (message)
        {
            case ObjectCreationExpressionSyntax creation when TypeSchemas.SimpleName(creation.Type) == "HttpRequestMessage":
                (arguments, initializer) = (creation.ArgumentList, creation.Initializer);
                break;
            case ImplicitObjectCreationExpressionSyntax implicitCreation:
                (arguments, initializer) = (implicitCreation.ArgumentList, implicitCreation.Initializer);
                break;
            default:
                return new Request(null, null, null, null, local ?? "request");
        }
        var methodExpression = arguments?.Arguments.Count > 0 ? arguments.Arguments[0].Expression : Initialized(initializer, "Method");
        var url = arguments?.Arguments.Count > 1 ? arguments.Arguments[1].Expression : Initialized(initializer, "RequestUri");
        var content = Initialized(initializer, "Content") ?? (local is null ? null : ContentAssigned(invocation, local));
        var body = content is null ? null : MessageSchemas.Body(file, content, content);
        return new Request(methodExpression is null ? "GET" : MethodName(file, methodExpression), methodExpression, url, body, local ?? "request");
    }

    private static ExpressionSyntax? Initialized(InitializerExpressionSyntax? initializer, string property) =>
        initializer?.Expressions.OfType<AssignmentExpressionSyntax>()
            .FirstOrDefault(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: var name } && name == property)?.Right;

    /// <summary><c>request.Content = JsonContent.Create(order)</c> before the send.</summary>
    private static ExpressionSyntax? ContentAssigned(InvocationExpressionSyntax send, string local) =>
        Declarations.BodyNodes(send).OfType<AssignmentExpressionSyntax>()
            .LastOrDefault(a => a.SpanStart < send.SpanStart && a.Left is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Content" } member
                && Declarations.SimpleName(member.Expression) == local)?.Right;

    /// <summary><c>HttpMethod.Post</c>, <c>HttpMethod.Parse("GET")</c>, <c>new HttpMethod("PATCH")</c> → upper-case name; null when not written.</summary>
    public static string? MethodName(CSharpFile file, ExpressionSyntax expression)
    {
        var value = Declarations.Strip(UrlArguments.Expand(file, expression));
        return value switch
        {
            MemberAccessExpressionSyntax member when member.Expression.ToString().EndsWith("HttpMethod", StringComparison.Ordinal) => member.Name.Identifier.ValueText.ToUpperInvariant(),
            InvocationExpressionSyntax { ArgumentList.Arguments: [var name] } invocation when CSharpFile.InvokedName(invocation) == "Parse" => file.Constants.Known(name.Expression)?.ToUpperInvariant(),
            BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: [var name] } => file.Constants.Known(name.Expression)?.ToUpperInvariant(),
            _ => null,
        };
    }

    private static WrapperFact? Wrapper(CSharpFile file, InvocationExpressionSyntax invocation, Request request, UrlText url, HttpClientReceiver client, ApiSchema? response)
    {
        var function = invocation.Ancestors().FirstOrDefault(a => a is MethodDeclarationSyntax or LocalFunctionStatementSyntax);
        var (identifier, parameters) = function switch
        {
            MethodDeclarationSyntax method => (method.Identifier, method.ParameterList),
            LocalFunctionStatementSyntax local => (local.Identifier, local.ParameterList),
            _ => (default, null!),
        };
        if (parameters is null || UrlArguments.Forwarded(file, url.Expanded, parameters) is not { } forwarded) return null;
        int? methodArgument = null;
        if (request.MethodExpression is { } methodExpression)
        {
            var expanded = Declarations.Strip(UrlArguments.Expand(file, methodExpression));
            if (expanded is BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: [var inner] }) expanded = inner.Expression;
            if (expanded is InvocationExpressionSyntax { ArgumentList.Arguments: [var parsed] } parse && CSharpFile.InvokedName(parse) == "Parse") expanded = parsed.Expression;
            methodArgument = UrlArguments.Parameter(expanded, parameters)?.Index;
        }
        return new WrapperFact(
            identifier.ValueText,
            parameters.Parameters.Count,
            forwarded.Index,
            methodArgument,
            methodArgument is null ? request.Method : null,
            Client,
            file.Line(identifier),
            forwarded.Prefix,
            client.ClientScope,
            response ?? (function is MethodDeclarationSyntax declared ? MessageSchemas.Returned(declared) : null));
    }
}
