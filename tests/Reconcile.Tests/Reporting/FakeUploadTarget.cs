using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Reporting;

/// <summary>
/// The upload_url half of Slack's external upload flow, on loopback: files.getUploadURLExternal on the fake
/// Web API is scripted to hand out URLs here, and every POSTed file is recorded with its bytes.
/// </summary>
public sealed class FakeUploadTarget : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string FileId, byte[] Bytes, string? Authorization)> _uploads = new();
    private WebApplication? _app;
    private string _root = "";

    public IReadOnlyList<(string FileId, byte[] Bytes, string? Authorization)> Uploads => [.. _uploads];

    public static async Task<FakeUploadTarget> StartAsync()
    {
        var target = new FakeUploadTarget();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/upload/{fileId}", async (HttpContext http, string fileId) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            target._uploads.Enqueue((fileId, buffer.ToArray(), http.Request.Headers.Authorization.FirstOrDefault()));
            return Results.Text($"OK - {buffer.Length}");
        });
        await app.StartAsync();
        target._root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        target._app = app;
        return target;
    }

    /// <summary>The next <paramref name="count"/> files.getUploadURLExternal calls answer with URLs here (F1, F2, …).</summary>
    public void ScriptUploadUrls(FakeSlackApi slack, int count, int first = 1)
    {
        ArgumentNullException.ThrowIfNull(slack);
        slack.Script("files.getUploadURLExternal", [.. Enumerable.Range(first, count).Select(i => new FakeReply(200,
            System.Text.Json.JsonSerializer.Serialize(new { ok = true, upload_url = $"{_root}upload/F{i}", file_id = $"F{i}" })))]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
