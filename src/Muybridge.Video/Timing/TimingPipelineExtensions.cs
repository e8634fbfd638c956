namespace Muybridge.Video.Timing;

/// <summary>The pipeline builder's timing steps: <c>Pipeline.From(source)…</c> with <c>using Muybridge.Video.Timing;</c>.</summary>
public static class TimingPipelineExtensions
{
    /// <summary>Changes speed, loops, ping-pong.</summary>
    public static Pipeline Retime(this Pipeline pipeline, double speed = 1, int loops = 1, bool pingPong = false)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return pipeline.Then(new Retimer(new RetimeOptions { Speed = speed, Loops = loops, PingPong = pingPong }));
    }
}
