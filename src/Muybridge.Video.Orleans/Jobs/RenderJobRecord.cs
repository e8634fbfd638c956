namespace Muybridge.Video.Orleans.Jobs;

/// <summary>What a job grain persists: enough to carry the job on from another silo after its own is lost.</summary>
internal sealed class RenderJobRecord
{
    public RenderJobRequest? Request { get; set; }

    public RenderJobState State { get; set; }

    public string? Error { get; set; }

    public List<SegmentRecord> Segments { get; set; } = [];

    public sealed class SegmentRecord
    {
        public int Index { get; set; }

        public int Start { get; set; }

        public int End { get; set; }

        public bool Done { get; set; }

        public string? Silo { get; set; }

        /// <summary>One line per finished attempt; the attempt under way, if any, is <see cref="Running"/>.</summary>
        public List<string> Attempts { get; set; } = [];

        public bool Running { get; set; }

        /// <summary>The silo the running attempt is on, once its worker has said (null before).</summary>
        public string? RunningOn { get; set; }

        /// <summary>Ends the running attempt: "2: lost on silo-3 (why)".</summary>
        public void EndAttempt(string how, string? why)
        {
            Attempts.Add($"{Attempts.Count + 1}: {how}{(RunningOn is { } silo ? $" on {silo}" : "")}{(why is null ? "" : $" ({why})")}");
            (Running, RunningOn) = (false, null);
        }

        public SegmentStatus ToStatus() => new(Index, Start, End, Done, Silo, [.. Attempts], Running ? RunningOn ?? "" : null);
    }
}
