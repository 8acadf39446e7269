using System.Collections.Concurrent;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// The threads renders run on. Templates recurse (include, tpl, template), so each render runs on a thread with a
/// large stack whose bounds the runtime knows: running out of it is then an error of the render (the engine's stack
/// checks), never a crash of the process. A few long-lived threads serve all renders, so no render pays for a thread.
/// </summary>
internal static class RenderThreads
{
    /// <summary>Deep enough for Helm's 1,000 nested includes of one name and the executor's nesting bound.</summary>
    private const int StackBytes = 256 * 1024 * 1024;

    private static readonly BlockingCollection<Action> Work = new();

    private static readonly Lazy<Thread[]> Workers = new(() => Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount))
        .Select(i =>
        {
            var thread = new Thread(Serve, StackBytes) { Name = $"chart render {i + 1}", IsBackground = true };
            thread.Start();
            return thread;
        })
        .ToArray());

    [ThreadStatic]
    private static bool _onRenderThread;

    /// <summary>
    /// Runs <paramref name="render"/> on a render thread (inline when already on one) and waits for its result or its
    /// exception: for callers that have nothing else to do (the command-line tool, benchmarks).
    /// </summary>
    public static T Run<T>(Func<T> render) =>
        _onRenderThread ? render() : RunAsync(render).GetAwaiter().GetResult();

    /// <summary>
    /// Runs <paramref name="render"/> on a render thread (inline when already on one); the task completes with its
    /// result or its exception, so the caller's thread is free while it runs.
    /// </summary>
    public static Task<T> RunAsync<T>(Func<T> render)
    {
        if (_onRenderThread)
        {
            try
            {
                return Task.FromResult(render());
            }
            catch (Exception e)
            {
                return Task.FromException<T>(e);
            }
        }
        _ = Workers.Value;
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Work.Add(() =>
        {
            try
            {
                done.SetResult(render());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    private static void Serve()
    {
        _onRenderThread = true;
        foreach (var work in Work.GetConsumingEnumerable())
        {
            work();
        }
    }
}
