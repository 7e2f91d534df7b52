//! The few NFQUEUE netlink messages the delayer needs (linux/netfilter/nfnetlink_queue.h):
//! bind a queue with metadata-only copies, receive packet ids, accept in batches.

use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};

use rustix::net::netlink::{self, SocketAddrNetlink};
use rustix::net::{AddressFamily, RecvFlags, SendFlags, SocketType};

const NFNL_SUBSYS_QUEUE: u16 = 3;
const NFQNL_MSG_PACKET: u16 = 0;
const NFQNL_MSG_CONFIG: u16 = 2;
const NFQNL_MSG_VERDICT_BATCH: u16 = 3;
const NLM_F_REQUEST: u16 = 0x1;
const NLM_F_ACK: u16 = 0x4;
const NLMSG_ERROR: u16 = 2;
const NLMSG_HDRLEN: usize = 16;
const NFGEN_HDRLEN: usize = 4;
const NFQA_PACKET_HDR: u16 = 1;
const NFQA_VERDICT_HDR: u16 = 2;
const NFQA_CFG_CMD: u16 = 1;
const NFQA_CFG_PARAMS: u16 = 2;
const NFQA_CFG_QUEUE_MAXLEN: u16 = 3;
const NFQNL_CFG_CMD_BIND: u8 = 1;
const NFQNL_CFG_CMD_UNBIND: u8 = 2;
const NFQNL_COPY_META: u8 = 1;
const NF_ACCEPT: u32 = 1;

/// A netlink socket bound to one NFQUEUE queue.
pub struct NfQueue {
    fd: OwnedFd,
    queue: u16,
    seq: u32,
    buf: Vec<u8>,
}

impl AsFd for NfQueue {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

impl NfQueue {
    /// Binds `queue`: packets arrive as metadata only (copy range 0), the kernel holds up to
    /// `max_len` of them, and the socket buffers `rcvbuf` bytes of notifications.
    pub fn bind(queue: u16, max_len: u32, rcvbuf: usize) -> io::Result<NfQueue> {
        let fd = rustix::net::socket(
            AddressFamily::NETLINK,
            SocketType::RAW,
            Some(netlink::NETFILTER),
        )?;
        rustix::net::bind(&fd, &SocketAddrNetlink::new(0, 0))?;
        rustix::net::sockopt::set_socket_recv_buffer_size_force(&fd, rcvbuf)?;
        let mut q = NfQueue {
            fd,
            queue,
            seq: 0,
            buf: vec![0; 1 << 16],
        };
        q.config(NFQA_CFG_CMD, &[NFQNL_CFG_CMD_BIND, 0, 0, 0])?;
        // struct nfqnl_msg_config_params { __be32 copy_range; __u8 copy_mode; } (packed)
        q.config(NFQA_CFG_PARAMS, &[0, 0, 0, 0, NFQNL_COPY_META])?;
        q.config(NFQA_CFG_QUEUE_MAXLEN, &max_len.to_be_bytes())?;
        rustix::net::sockopt::set_socket_recv_buffer_size_force(&q.fd, rcvbuf)?;
        Ok(q)
    }

    pub fn unbind(&mut self) -> io::Result<()> {
        self.config(NFQA_CFG_CMD, &[NFQNL_CFG_CMD_UNBIND, 0, 0, 0])
    }

    /// Sends one configuration attribute and waits for the kernel's acknowledgement.
    fn config(&mut self, attr: u16, data: &[u8]) -> io::Result<()> {
        self.seq = self.seq.wrapping_add(1);
        let seq = self.seq;
        let msg = message(
            NFQNL_MSG_CONFIG,
            NLM_F_REQUEST | NLM_F_ACK,
            seq,
            self.queue,
            attr,
            data,
        );
        self.send(&msg)?;
        loop {
            let (n, _) = rustix::net::recv(&self.fd, &mut self.buf[..], RecvFlags::empty())?;
            for (ty, mseq, body) in messages(&self.buf[..n.min(self.buf.len())]) {
                if ty == NLMSG_ERROR && mseq == seq {
                    let code = body
                        .get(..4)
                        .and_then(|b| b.try_into().ok())
                        .map_or(0, i32::from_ne_bytes);
                    return if code == 0 {
                        Ok(())
                    } else {
                        Err(io::Error::from_raw_os_error(-code))
                    };
                }
            }
        }
    }

    fn send(&self, msg: &[u8]) -> io::Result<()> {
        rustix::net::sendto(
            &self.fd,
            msg,
            SendFlags::empty(),
            &SocketAddrNetlink::new(0, 0),
        )?;
        Ok(())
    }

    /// Reads every queued packet notification without blocking and hands each packet id to
    /// `f`. Returns how many there were; `Err` only for a real socket error (a full receive
    /// buffer, ENOBUFS, is counted in `lost`: the kernel dropped those packets).
    pub fn drain(&mut self, lost: &mut u64, mut f: impl FnMut(u32)) -> io::Result<usize> {
        let mut count = 0;
        loop {
            match rustix::net::recv(&self.fd, &mut self.buf[..], RecvFlags::DONTWAIT) {
                Ok((n, _)) => {
                    for (ty, _, body) in messages(&self.buf[..n.min(self.buf.len())]) {
                        if ty == (NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_PACKET)
                            && let Some(id) = packet_id(body)
                        {
                            f(id);
                            count += 1;
                        }
                    }
                }
                Err(rustix::io::Errno::AGAIN) => return Ok(count),
                Err(rustix::io::Errno::INTR) => return Ok(count),
                Err(rustix::io::Errno::NOBUFS) => *lost += 1,
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Accepts every packet still queued up to and including `id` (the kernel keeps them in
    /// arrival order, which is the order they are due).
    pub fn accept_through(&mut self, id: u32) -> io::Result<()> {
        let mut hdr = [0u8; 8];
        hdr[..4].copy_from_slice(&NF_ACCEPT.to_be_bytes());
        hdr[4..].copy_from_slice(&id.to_be_bytes());
        let msg = message(
            NFQNL_MSG_VERDICT_BATCH,
            NLM_F_REQUEST,
            0,
            self.queue,
            NFQA_VERDICT_HDR,
            &hdr,
        );
        self.send(&msg)
    }
}

/// One nfnetlink message of the queue subsystem with a single attribute.
fn message(ty: u16, flags: u16, seq: u32, queue: u16, attr: u16, data: &[u8]) -> Vec<u8> {
    let attr_len = 4 + data.len();
    let len = NLMSG_HDRLEN + NFGEN_HDRLEN + attr_len.next_multiple_of(4);
    let mut m = Vec::with_capacity(len);
    m.extend_from_slice(&(len as u32).to_ne_bytes());
    m.extend_from_slice(&(NFNL_SUBSYS_QUEUE << 8 | ty).to_ne_bytes());
    m.extend_from_slice(&flags.to_ne_bytes());
    m.extend_from_slice(&seq.to_ne_bytes());
    m.extend_from_slice(&0u32.to_ne_bytes());
    // struct nfgenmsg { u8 family (AF_UNSPEC); u8 version (NFNETLINK_V0); __be16 res_id }
    m.extend_from_slice(&[0, 0]);
    m.extend_from_slice(&queue.to_be_bytes());
    m.extend_from_slice(&(attr_len as u16).to_ne_bytes());
    m.extend_from_slice(&attr.to_ne_bytes());
    m.extend_from_slice(data);
    m.resize(len, 0);
    m
}

/// The netlink messages of one datagram: (type, sequence number, body after the header).
fn messages(mut buf: &[u8]) -> impl Iterator<Item = (u16, u32, &[u8])> {
    std::iter::from_fn(move || {
        let len = u32::from_ne_bytes(buf.get(..4)?.try_into().ok()?) as usize;
        if len < NLMSG_HDRLEN || len > buf.len() {
            return None;
        }
        let ty = u16::from_ne_bytes(buf.get(4..6)?.try_into().ok()?);
        let seq = u32::from_ne_bytes(buf.get(8..12)?.try_into().ok()?);
        let body = &buf[NLMSG_HDRLEN..len];
        buf = buf.get(len.next_multiple_of(4)..).unwrap_or(&[]);
        Some((ty, seq, body))
    })
}

/// The packet id of a packet notification (NFQA_PACKET_HDR: __be32 packet_id, …).
fn packet_id(body: &[u8]) -> Option<u32> {
    let mut attrs = body.get(NFGEN_HDRLEN..)?;
    while attrs.len() >= 4 {
        let len = u16::from_ne_bytes(attrs[..2].try_into().ok()?) as usize;
        let ty = u16::from_ne_bytes(attrs[2..4].try_into().ok()?) & 0x3fff;
        if len < 4 || len > attrs.len() {
            return None;
        }
        if ty == NFQA_PACKET_HDR {
            return Some(u32::from_be_bytes(attrs.get(4..8)?.try_into().ok()?));
        }
        attrs = attrs.get(len.next_multiple_of(4)..).unwrap_or(&[]);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_built_message_parses_back() {
        let m = message(
            NFQNL_MSG_CONFIG,
            NLM_F_REQUEST,
            7,
            7707,
            NFQA_CFG_PARAMS,
            &[0, 0, 0, 0, 1],
        );
        assert_eq!(m.len() % 4, 0);
        let parsed: Vec<_> = messages(&m).collect();
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[0].0, NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_CONFIG);
        assert_eq!(parsed[0].1, 7);
    }

    #[test]
    fn packet_id_is_read_from_the_packet_header_attribute() {
        let m = message(
            NFQNL_MSG_PACKET,
            0,
            0,
            1,
            NFQA_PACKET_HDR,
            &[0, 0, 1, 2, 8, 0, 3],
        );
        let (_, _, body) = messages(&m).next().unwrap();
        assert_eq!(packet_id(body), Some(258));
        assert_eq!(packet_id(&body[..6]), None);
    }
}
