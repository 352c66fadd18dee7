//! Files as the use cases read and write them: read whole, within the reader's size limit, with an
//! error naming the file; written through a `.partial` file renamed into place so a file appears
//! complete or not at all.

use std::path::{Path, PathBuf};

use crate::error::{AppError, ErrorCode};

/// The bytes of a file its reader takes up to `limit` bytes of: a larger file is refused with
/// `code` and a message naming the limit, before it is read (a reader's own size check would come
/// after the whole file was in memory). `what` says what the file was read as ("a BPMN file").
pub fn read_within(path: &Path, limit: usize, code: ErrorCode, what: &str) -> Result<Vec<u8>, AppError> {
    use std::io::Read;
    let too_large = || {
        AppError::new(
            code,
            format!("{} is larger than {}, the most Michi reads as {what}", path.display(), size(limit)),
        )
        .with_path(path)
    };
    let file = std::fs::File::open(path).map_err(|e| AppError::unreadable(path, e))?;
    if file.metadata().is_ok_and(|m| m.len() > limit as u64) {
        return Err(too_large());
    }
    // The file may grow between the check and the read: read one byte past the limit at most.
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(|e| AppError::unreadable(path, e))?;
    if bytes.len() > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// A size in bytes as a person reads it: "64 MB", "1 MB", "512 bytes".
fn size(bytes: usize) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KB", b >> 10),
        b => format!("{b} bytes"),
    }
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
    fn a_file_past_its_readers_limit_is_refused_by_name_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.bpmn");
        std::fs::write(&path, vec![b'x'; 2048]).unwrap();
        assert_eq!(read_within(&path, 2048, ErrorCode::BadBpmn, "a BPMN file").unwrap().len(), 2048);
        let e = read_within(&path, 2047, ErrorCode::BadBpmn, "a BPMN file").unwrap_err();
        assert_eq!(e.code, ErrorCode::BadBpmn);
        assert!(e.message.ends_with("is larger than 2047 bytes, the most Michi reads as a BPMN file"), "{}", e.message);
        assert_eq!(e.path.as_deref(), Some(path.to_str().unwrap()));
        let e = read_within(&path, 1024, ErrorCode::BadCsv, "a CSV file").unwrap_err();
        assert!(e.message.contains("larger than 1 KB"), "{}", e.message);
        assert_eq!(size(64 << 20), "64 MB");
        assert_eq!(
            read_within(&dir.path().join("gone.csv"), 10, ErrorCode::BadCsv, "a CSV file").unwrap_err().code,
            ErrorCode::NotFound
        );
    }

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
        assert_eq!(read_within(&missing, 10, ErrorCode::BadCsv, "x").unwrap_err().code, ErrorCode::NotFound);
    }
}
