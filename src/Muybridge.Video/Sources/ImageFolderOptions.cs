using Muybridge.Video.Frames;

namespace Muybridge.Video.Sources;

/// <summary>How a folder of images is read.</summary>
public sealed record ImageFolderOptions
{
    /// <summary>Playback rate given to the frames (a folder has none of its own). Default 12, about Muybridge's own zoopraxiscope.</summary>
    public double FramesPerSecond { get; init; } = 12;

    /// <summary>What to do with frames of different sizes.</summary>
    public CanvasFit Fit { get; init; } = CanvasFit.Refuse;

    /// <summary>Pool the frames' buffers come from.</summary>
    public FramePool Pool { get; init; } = FramePool.Shared;
}
