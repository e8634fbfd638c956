namespace Muybridge.Video.Orleans.Rendering;

/// <summary>A render that failed on its own terms (a bad input, an impossible recipe): the job fails, the segment is not run again.</summary>
[GenerateSerializer]
public sealed class SegmentRenderException : Exception
{
    /// <summary>Creates the exception with the render's own one-line message.</summary>
    public SegmentRenderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SegmentRenderException()
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public SegmentRenderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
