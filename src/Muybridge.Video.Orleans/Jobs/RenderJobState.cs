namespace Muybridge.Video.Orleans.Jobs;

/// <summary>Where a job stands.</summary>
public enum RenderJobState
{
    /// <summary>Not submitted.</summary>
    None,

    /// <summary>Segments are being rendered.</summary>
    Rendering,

    /// <summary>Every segment is done; the outputs are being written from them in order.</summary>
    Joining,

    /// <summary>The outputs are in place.</summary>
    Completed,

    /// <summary>The job cannot succeed (a bad input, a recipe that fails); <see cref="RenderJobStatus.Error"/> says why.</summary>
    Failed,

    /// <summary>Cancelled by its submitter; no output was written.</summary>
    Cancelled,
}
