// The server tests run on Linux (CI and the dev machines); they use POSIX modes, fifos and signals freely.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
