using Kubelink.Simulator.Auth;
using Kubelink.Simulator.Rbac;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kubelink.Simulator.Http;

/// <summary>
/// The request pipeline, in the API server's order: injected faults, authentication (401), impersonation,
/// request info, authorization (403), then the handler. Every failure is answered as a Status object.
/// </summary>
internal sealed class ApiPipeline
{
    public const string UserKey = "kubelink.user";

    private readonly SimulatorCore _core;
    private readonly ResourceHandlers _resources;
    private readonly WatchHandler _watches;
    private readonly PodLogHandler _logs;
    private readonly ScaleHandler _scale;
    private readonly NonResourceHandlers _nonResource;

    public ApiPipeline(SimulatorCore core)
    {
        _core = core;
        _resources = new ResourceHandlers(core);
        _watches = new WatchHandler(core);
        _logs = new PodLogHandler(core);
        _scale = new ScaleHandler(core);
        _nonResource = new NonResourceHandlers(core);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        try
        {
            if (_core.Faults is { } faults && !await faults.BeforeRequestAsync(context, stopping))
            {
                return;
            }
            if (_core.Persister is { } persister && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                // A change is acknowledged only once it is in the state file: the response waits for the save that holds it.
                context.Response.OnStarting(persister.SaveSoonAsync);
            }

            var authenticated = _core.Authenticator.Authenticate(context);
            if (authenticated is null)
            {
                await Responses.Status(context, new ApiException(401, "Unauthorized", "Unauthorized"));
                return;
            }
            var user = Impersonation.Apply(context, authenticated, _core.Authorizer);
            context.Items[UserKey] = user;
            var request = ApiRequest.Parse(context.Request);
            var decision = _core.Authorizer.Authorize(user, request.ToAccessRequest());
            if (!decision.Allowed)
            {
                throw Forbidden.For(user, request.ToAccessRequest());
            }
            if (!request.IsResourceRequest)
            {
                await _nonResource.HandleAsync(context, request);
                return;
            }
            await DispatchAsync(context, request, user, stopping);
        }
        catch (ApiException error) when (!context.Response.HasStarted)
        {
            await Responses.Status(context, error);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            // The client went away or the listener is stopping; there is no one left to answer.
        }
        catch (Exception unexpected) when (!context.Response.HasStarted && unexpected is not OperationCanceledException)
        {
            // A simulator bug: answer as the API server answers a panic, with the cause visible to the caller.
            await Responses.Status(context, new ApiException(500, "InternalError",
                $"Internal error occurred: {unexpected.GetType().Name}: {unexpected.Message}", []));
        }
    }

    private Task DispatchAsync(HttpContext context, ApiRequest request, UserInfo user, CancellationToken stopping)
    {
        var type = _core.Registry.Find(request.Group, request.Version, request.Resource);
        var misplaced = type is not null && !type.Namespaced && request.Namespace.Length > 0 && type.Plural != "namespaces";
        if (type is null || misplaced || (request.Subresource.Length > 0 && !type.Subresources.Contains(request.Subresource)))
        {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource", []);
        }
        if (!type.Verbs.Contains(request.Verb))
        {
            throw ApiException.MethodNotAllowed();
        }
        if (type.Namespaced && request.Namespace.Length == 0 && request.Verb is not ("list" or "watch" or "deletecollection"))
        {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource", []);
        }
        if (request.Subresource == "log")
        {
            return request.Verb == "get" ? _logs.GetAsync(context, request, type, stopping) : throw ApiException.MethodNotAllowed();
        }
        if (request.Subresource == "scale")
        {
            return _scale.HandleAsync(context, request, type);
        }
        if (request.Subresource == "token")
        {
            return request.Verb == "create" ? TokenRequestHandler.CreateAsync(_core, context, request) : throw ApiException.MethodNotAllowed();
        }
        return request.Verb switch
        {
            "get" => _resources.GetAsync(context, request, type),
            "list" => _resources.ListAsync(context, request, type),
            "watch" => _watches.WatchAsync(context, request, type, user, stopping),
            "create" => _resources.CreateAsync(context, request, type),
            "update" => _resources.UpdateAsync(context, request, type),
            "patch" => _resources.PatchAsync(context, request, type),
            "delete" => _resources.DeleteAsync(context, request, type),
            "deletecollection" => _resources.DeleteCollectionAsync(context, request, type),
            _ => throw ApiException.MethodNotAllowed(),
        };
    }
}
