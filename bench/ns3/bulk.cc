// bulk.cc: the reference run for tcpedu's simulator (package tcpedu/bulk,
// command `tcpedu sim`): one TCP bulk transfer through a bottleneck, in
// ns-3. Same path, same TCP choices, so that the two can be compared side
// by side (docs/04-flow-and-congestion.md).
//
//   sender --[bandwidth, delay, DropTail queue of N packets]--> receiver
//
// The ns-3 defaults that differ from tcpedu's model are set to match it:
// an initial window of 3 segments (RFC 5681), no SACK, no timestamps,
// classic (RFC 5681/6582) recovery instead of PRR, a 1 s minimum RTO, an
// ACK for every segment, and buffers large enough not to limit the flow.
// Built by build.sh; not part of any Go build (this folder has no Go).
//
// (ns-3 3.37 crashes in TcpRateLinux::SkbSent with a 16 MiB send buffer;
// 4 MiB, the receive buffer too, runs.)
//
// Usage: bulk --cc=NewReno --bandwidth=100Mbps --delay=20ms --queue=50
//             --loss=0 --duration=60 --seed=1 --cwnd=cwnd.csv
//             [--sack] [--min-rto=0.2] [--pcap=PREFIX]

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/traffic-control-module.h"

#include <fstream>
#include <iostream>

using namespace ns3;

static std::ofstream cwndFile;

static void
CwndChange(uint32_t oldCwnd, uint32_t newCwnd)
{
    cwndFile << Simulator::Now().GetSeconds() << "," << newCwnd << "\n";
}

static void
TraceCwnd(uint32_t nodeId)
{
    Config::ConnectWithoutContext("/NodeList/" + std::to_string(nodeId) +
                                      "/$ns3::TcpL4Protocol/SocketList/0/CongestionWindow",
                                  MakeCallback(&CwndChange));
}

int
main(int argc, char* argv[])
{
    std::string cc = "NewReno";
    std::string bandwidth = "100Mbps";
    std::string delay = "20ms";
    uint32_t queue = 50;
    double loss = 0;
    double duration = 60;
    uint32_t seed = 1;
    std::string cwndPath;
    std::string pcapPrefix;
    bool sack = false;
    double minRto = 1;

    CommandLine cmd;
    cmd.AddValue("cc", "congestion control: NewReno (ns-3's TcpNewReno)", cc);
    cmd.AddValue("bandwidth", "bottleneck rate", bandwidth);
    cmd.AddValue("delay", "one-way delay", delay);
    cmd.AddValue("queue", "DropTail queue, packets", queue);
    cmd.AddValue("loss", "random loss probability of each data packet", loss);
    cmd.AddValue("duration", "simulated seconds", duration);
    cmd.AddValue("seed", "run number", seed);
    cmd.AddValue("cwnd", "write the cwnd trace to this CSV file", cwndPath);
    cmd.AddValue("sack", "negotiate SACK and use RFC 6675 recovery", sack);
    cmd.AddValue("min-rto", "minimum RTO, seconds (RFC 6298: 1)", minRto);
    cmd.AddValue("pcap", "write both ends' packets to PREFIX-0-0.pcap and PREFIX-1-0.pcap", pcapPrefix);
    cmd.Parse(argc, argv);

    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(seed);

    Config::SetDefault("ns3::TcpL4Protocol::SocketType", StringValue("ns3::Tcp" + cc));
    Config::SetDefault("ns3::TcpL4Protocol::RecoveryType", TypeIdValue(TcpClassicRecovery::GetTypeId()));
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1460));
    Config::SetDefault("ns3::TcpSocket::InitialCwnd", UintegerValue(3));
    Config::SetDefault("ns3::TcpSocket::DelAckCount", UintegerValue(1));
    Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(4 << 20));
    Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(4 << 20));
    Config::SetDefault("ns3::TcpSocketBase::Sack", BooleanValue(sack));
    Config::SetDefault("ns3::TcpSocketBase::Timestamp", BooleanValue(false));
    Config::SetDefault("ns3::TcpSocketBase::MinRto", TimeValue(Seconds(minRto)));

    NodeContainer nodes;
    nodes.Create(2);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue(bandwidth));
    p2p.SetChannelAttribute("Delay", StringValue(delay));
    p2p.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue(std::to_string(queue) + "p"));
    NetDeviceContainer devices = p2p.Install(nodes);

    if (loss > 0)
    {
        Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
        em->SetAttribute("ErrorRate", DoubleValue(loss));
        em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
        devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(em));
    }

    InternetStackHelper stack;
    stack.Install(nodes);

    Ipv4AddressHelper address;
    address.SetBase("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer ifaces = address.Assign(devices);
    // No queue discipline above the device (Assign installed ns-3's default
    // one): the device's DropTail queue is the bottleneck buffer, as in
    // tcpedu's link.
    TrafficControlHelper tch;
    tch.Uninstall(devices);

    uint16_t port = 50001;
    BulkSendHelper source("ns3::TcpSocketFactory", InetSocketAddress(ifaces.GetAddress(1), port));
    source.SetAttribute("MaxBytes", UintegerValue(0));
    ApplicationContainer sourceApps = source.Install(nodes.Get(0));
    sourceApps.Start(Seconds(0.0));
    sourceApps.Stop(Seconds(duration));

    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), port));
    ApplicationContainer sinkApps = sink.Install(nodes.Get(1));
    sinkApps.Start(Seconds(0.0));
    sinkApps.Stop(Seconds(duration));

    if (!pcapPrefix.empty())
    {
        p2p.EnablePcapAll(pcapPrefix);
    }

    if (!cwndPath.empty())
    {
        cwndFile.open(cwndPath);
        cwndFile << "time_s,cwnd_bytes\n";
        Simulator::Schedule(Seconds(0.001), &TraceCwnd, nodes.Get(0)->GetId());
    }

    Simulator::Stop(Seconds(duration));
    Simulator::Run();

    Ptr<PacketSink> s = DynamicCast<PacketSink>(sinkApps.Get(0));
    uint64_t bytes = s->GetTotalRx();
    std::cout << "{\"goodput_bps\":" << bytes * 8.0 / duration << ",\"bytes_delivered\":" << bytes
              << ",\"sim_seconds\":" << duration << "}" << std::endl;
    Simulator::Destroy();
    return 0;
}
