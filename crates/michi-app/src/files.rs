//! Files as the use cases read and write them: read whole with an error naming the file, written
//! through a `.partial` file renamed into place so a file appears complete or not at all.

use std::path::{Path, PathBuf};

use crate::error::AppError;

/// The bytes of a file; a missing file is `notFound`, any other failure `io`, both naming it.
pub fn read(path: &Path) -> Result<Vec<u8>, AppError> {
    std::fs::read(path).map_err(|e| AppError::unreadable(path, e))
}

/// Writes `contents` to `path` through a `.partial` file renamed into place, so that the file
/// appears complete or not at all; a failure is a `writeFailed` error naming the file.
pub fn write_whole(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), AppError> {
    use std::io::Write;
    let mut partial = path.as_os_str().to_owned();
    partial.push(format!(".{}.partial", std::process::id()));
    let partial = PathBuf::from(partial);
    let written = std::fs::File::create(&partial).and_then(|mut f| {
        f.write_all(contents.as_ref())?;
        f.sync_all()
    });
    // On disk before it takes the name, and the name on disk before the call returns.
    let renamed = written.and_then(|_| std::fs::rename(&partial, path)).and_then(|_| {
        match path.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(dir) => std::fs::File::open(dir).and_then(|d| d.sync_all()),
            None => Ok(()),
        }
    });
    renamed.map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        AppError::unwritable(path, e)
    })
}

/// An absolute path for `path`, so that recent files and the "already open" check compare equal.
pub fn absolute(path: impl AsRef<Path>) -> PathBuf {
    let p = path.as_ref();
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// A file's name without its folder (what a snapshot records as its source).
pub fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A file's name without its folder and extension (what the title bar shows).
pub fn stem(path: &Path) -> String {
    path.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        write_whole(&path, "# 道").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# 道");
        assert!(!dir.path().join("out.md.partial").exists());
        let missing = dir.path().join("no-such-folder").join("out.md");
        let e = write_whole(&missing, "x").unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::WriteFailed);
        assert_eq!(e.path.as_deref(), Some(missing.display().to_string().as_str()));
        assert_eq!(read(&missing).unwrap_err().code, crate::ErrorCode::NotFound);
    }
}
