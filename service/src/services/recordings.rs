//! Uploaded call recordings on disk (docs/architecture.md#recordings, `Call.recording`).
//!
//! A recording lives at `<data_dir>/recordings/<org_id>/<call_id>`, its
//! content type beside it in `<call_id>.type`. An upload is written to a
//! temporary file in the same folder, synced, then renamed over the old
//! one, so a reader sees the old recording or the new one, never half of
//! one; an upload that fails or is abandoned removes its temporary file.
//! The organisation is the outer folder so one organisation's recordings
//! can be listed, moved or deleted without touching another's.

use std::io;
use std::path::{Path, PathBuf};

use tokio::fs::{self, File};
use tokio::io::{AsyncWriteExt, BufWriter};
use tracing::instrument;

use crate::auth::Link;
use crate::domain::{CallId, OrgId};
use crate::error::{ServiceError, ServiceResult};
use crate::services::Ctx;
use crate::store::calls::{self, StoredCall};

/// Largest recording accepted: two hours of video at a few Mbit/s.
pub const MAX_RECORDING_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// Bytes buffered before each write to disk, so small network chunks do
/// not each become a system call.
const WRITE_BUFFER_BYTES: usize = 1024 * 1024;

/// Content type used when a recording's type file is missing (a crash
/// between the two renames of an upload).
const FALLBACK_CONTENT_TYPE: &str = "application/octet-stream";

/// The call `id` when the caller may see it and conversation intelligence
/// is on: the check every recording request makes, upload or playback.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn visible_call(ctx: Ctx<'_>, id: CallId) -> ServiceResult<StoredCall> {
    ctx.viewer()?
        .organization
        .settings
        .require_conversation_intelligence()?;
    calls::get(ctx.store().db(), ctx.scope(), id).await
}

/// Where a player loads a call's recording from.
#[derive(Debug, Clone, PartialEq)]
pub struct Playback {
    /// The uploaded recording's link (relative to the server, with a
    /// one-hour recording token) or the external URL the call came with.
    pub url: String,
    /// The MIME type of an uploaded recording; none for an external one.
    pub content_type: Option<String>,
    /// Whether the recording is stored by this service.
    pub uploaded: bool,
}

/// The recording of a call the caller has read: the uploaded one, with a
/// recording token minted for this viewer and call; else the external URL
/// the call was imported with; else none. `base_path` is the path the
/// service is mounted under, without a trailing slash (`""` at the root);
/// the URL is relative so it works behind whatever origin the client
/// reached the API through.
#[instrument(skip_all, fields(org = %ctx.scope().org()))]
pub async fn playback(
    ctx: Ctx<'_>,
    call: &StoredCall,
    base_path: &str,
) -> ServiceResult<Option<Playback>> {
    let uploaded = ctx
        .services()
        .recordings()
        .find(call)
        .await
        .map_err(|err| ServiceError::Internal(err.into()))?;
    if let Some(stored) = uploaded {
        let viewer = ctx.viewer()?;
        let token = ctx.services().keys().mint_link(
            call.org(),
            viewer.user.id,
            Link::Recording(call.id()),
        )?;
        return Ok(Some(Playback {
            url: format!("{base_path}/calls/{}/recording?token={token}", call.id()),
            content_type: Some(stored.content_type),
            uploaded: true,
        }));
    }
    Ok(call.recording().map(|url| Playback {
        url: url.to_owned(),
        content_type: None,
        uploaded: false,
    }))
}

/// The recordings folder of one data folder.
#[derive(Debug, Clone)]
pub struct Recordings {
    root: PathBuf,
    max_bytes: u64,
}

/// An uploaded recording on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRecording {
    pub path: PathBuf,
    pub content_type: String,
}

/// Why an upload was not stored.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("the recording is larger than the limit of {0} bytes")]
    TooLarge(u64),
    #[error("cannot store the recording: {0}")]
    Io(#[from] io::Error),
}

impl Recordings {
    /// The recordings kept under `data_dir`, at most [`MAX_RECORDING_BYTES`] each.
    pub fn new(data_dir: &Path) -> Self {
        Self {
            root: data_dir.join("recordings"),
            max_bytes: MAX_RECORDING_BYTES,
        }
    }

    /// The largest recording [`Upload::write`] accepts.
    pub fn max_bytes(&self) -> u64 {
        self.max_bytes
    }

    fn folder(&self, org: OrgId) -> PathBuf {
        self.root.join(org.0.to_string())
    }

    fn data_path(&self, org: OrgId, call: CallId) -> PathBuf {
        self.folder(org).join(call.0.to_string())
    }

    fn type_path(&self, org: OrgId, call: CallId) -> PathBuf {
        self.folder(org).join(format!("{call}.type"))
    }

    /// The uploaded recording of a call read through a scope, if there is
    /// one.
    pub async fn find(&self, call: &StoredCall) -> io::Result<Option<StoredRecording>> {
        self.find_in(call.org(), call.id()).await
    }

    async fn find_in(&self, org: OrgId, call: CallId) -> io::Result<Option<StoredRecording>> {
        let path = self.data_path(org, call);
        match fs::metadata(&path).await {
            Ok(meta) if meta.is_file() => {}
            Ok(_) => return Ok(None),
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(err),
        }
        let content_type = match fs::read_to_string(self.type_path(org, call)).await {
            Ok(text) => text.trim().to_owned(),
            Err(err) if err.kind() == io::ErrorKind::NotFound => FALLBACK_CONTENT_TYPE.to_owned(),
            Err(err) => return Err(err),
        };
        Ok(Some(StoredRecording { path, content_type }))
    }

    /// Starts replacing the recording of a call read through a scope. The
    /// caller has checked the content type.
    pub async fn begin(&self, call: &StoredCall) -> io::Result<Upload> {
        self.begin_in(call.org(), call.id()).await
    }

    async fn begin_in(&self, org: OrgId, call: CallId) -> io::Result<Upload> {
        let folder = self.folder(org);
        fs::create_dir_all(&folder).await?;
        let temp = folder.join(format!(".{call}.{:016x}.part", rand::random::<u64>()));
        let file = File::options()
            .write(true)
            .create_new(true)
            .open(&temp)
            .await?;
        Ok(Upload {
            writer: BufWriter::with_capacity(WRITE_BUFFER_BYTES, file),
            temp,
            finished: false,
            data_path: self.data_path(org, call),
            type_path: self.type_path(org, call),
            folder,
            written: 0,
            max_bytes: self.max_bytes,
        })
    }
}

/// A recording being written; dropped before [`Upload::finish`], it
/// removes its temporary file and leaves the old recording in place.
#[derive(Debug)]
pub struct Upload {
    writer: BufWriter<File>,
    temp: PathBuf,
    /// Whether `temp` has been renamed into place.
    finished: bool,
    data_path: PathBuf,
    type_path: PathBuf,
    folder: PathBuf,
    written: u64,
    max_bytes: u64,
}

impl Upload {
    /// Appends a chunk; fails once the recording would pass the limit.
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), UploadError> {
        self.written += chunk.len() as u64;
        if self.written > self.max_bytes {
            return Err(UploadError::TooLarge(self.max_bytes));
        }
        self.writer.write_all(chunk).await?;
        Ok(())
    }

    /// Makes the upload the call's recording: syncs it and its content
    /// type to disk, then renames both into place (a crash between the two
    /// renames leaves the new recording with the old type, or none).
    /// Returns the size and whether a recording was replaced.
    pub async fn finish(mut self, content_type: &str) -> io::Result<(u64, bool)> {
        self.writer.flush().await?;
        self.writer.get_ref().sync_all().await?;
        let type_temp = self.temp.with_extension("type.part");
        let staged = write_synced(&type_temp, content_type.as_bytes()).await;
        let result = match staged {
            Ok(()) => self.rename_into_place(&type_temp).await,
            Err(err) => Err(err),
        };
        if result.is_err() {
            let _ = fs::remove_file(&type_temp).await;
        }
        result
    }

    async fn rename_into_place(&mut self, type_temp: &Path) -> io::Result<(u64, bool)> {
        let replaced = fs::try_exists(&self.data_path).await?;
        fs::rename(&self.temp, &self.data_path).await?;
        self.finished = true;
        fs::rename(type_temp, &self.type_path).await?;
        sync_dir(&self.folder).await?;
        Ok((self.written, replaced))
    }
}

impl Drop for Upload {
    fn drop(&mut self) {
        if !self.finished {
            // A failed or abandoned upload; the file may be large, so it
            // goes now rather than waiting for anything else.
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

async fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = File::create(path).await?;
    file.write_all(bytes).await?;
    file.sync_all().await
}

/// Syncs a folder so the renames in it survive a power cut.
async fn sync_dir(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(folder).await?.sync_all().await?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[tokio::test]
    async fn an_upload_replaces_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let recordings = Recordings {
            max_bytes: 10,
            ..Recordings::new(dir.path())
        };
        let (org, call) = (OrgId(1), CallId(2));
        assert_eq!(recordings.find_in(org, call).await.unwrap(), None);

        let mut upload = recordings.begin_in(org, call).await.unwrap();
        upload.write(b"hello").await.unwrap();
        assert_eq!(
            recordings.find_in(org, call).await.unwrap(),
            None,
            "nothing shows before finish"
        );
        assert_eq!(upload.finish("audio/ogg").await.unwrap(), (5, false));
        let stored = recordings.find_in(org, call).await.unwrap().unwrap();
        assert_eq!(stored.content_type, "audio/ogg");
        assert_eq!(std::fs::read(&stored.path).unwrap(), b"hello");

        // Too large: refused, the old recording stays, no temporary file left.
        let mut upload = recordings.begin_in(org, call).await.unwrap();
        upload.write(b"0123456").await.unwrap();
        assert!(matches!(
            upload.write(b"789ab").await,
            Err(UploadError::TooLarge(10))
        ));
        drop(upload);
        // Abandoned mid-way (a client that went away): the same.
        let mut upload = recordings.begin_in(org, call).await.unwrap();
        upload.write(b"partial").await.unwrap();
        drop(upload);
        assert_eq!(std::fs::read(&stored.path).unwrap(), b"hello");
        let folder = dir.path().join("recordings/1");
        assert_eq!(names(&folder), ["2", "2.type"]);

        let mut upload = recordings.begin_in(org, call).await.unwrap();
        upload.write(b"0123456789").await.unwrap();
        assert_eq!(upload.finish("video/webm").await.unwrap(), (10, true));
        let stored = recordings.find_in(org, call).await.unwrap().unwrap();
        assert_eq!(stored.content_type, "video/webm");
        assert_eq!(std::fs::read(&stored.path).unwrap(), b"0123456789");
        assert_eq!(names(&folder), ["2", "2.type"]);
        assert_eq!(recordings.find_in(OrgId(9), call).await.unwrap(), None);
    }
}
