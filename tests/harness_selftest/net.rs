//! Refused and black-holed addresses behave as documented on this machine.

use std::io::ErrorKind;
use std::time::{Duration, Instant};

use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

use crate::support::net::{Blackhole, refused_addr, refused_addr_on, silent};

#[tokio::test]
async fn refused_addr_refuses() {
    let e = TcpStream::connect(refused_addr()).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ConnectionRefused);
    let e = TcpStream::connect(refused_addr_on("127.0.0.3".parse().unwrap()))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ConnectionRefused);
}

#[tokio::test]
async fn blackhole_connect_times_out() {
    let hole = Blackhole::start();
    for _ in 0..3 {
        let start = Instant::now();
        let r =
            tokio::time::timeout(Duration::from_millis(500), TcpStream::connect(hole.addr)).await;
        assert!(r.is_err(), "connect finished: {r:?}");
        assert!(start.elapsed() >= Duration::from_millis(500));
    }
    // Blocking clients too.
    let e =
        std::net::TcpStream::connect_timeout(&hole.addr, Duration::from_millis(300)).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock),
        "{e:?}"
    );
}

#[tokio::test]
async fn blackhole_stops_on_drop() {
    let hole = Blackhole::start();
    let addr = hole.addr;
    drop(hole);
    let e = TcpStream::connect(addr).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ConnectionRefused);
}

#[tokio::test]
async fn silent_accepts_and_says_nothing() {
    let s = silent();
    let mut tcp = TcpStream::connect(s.addr).await.unwrap();
    let mut buf = [0u8; 8];
    let r = tokio::time::timeout(Duration::from_millis(300), tcp.read(&mut buf)).await;
    assert!(r.is_err(), "{r:?}");
}
