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

        public List<string> Attempts { get; set; } = [];

        public SegmentStatus ToStatus() => new(Index, Start, End, Done, Silo, [.. Attempts]);
    }
}
